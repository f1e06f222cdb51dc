"""The cue words extraction reads: weapons, targets, outcomes, actors and mention contexts.

Everything here is data. Each table maps a value of the output vocabulary to
the lower-case phrases that signal it; the extractor finds them all in one
Aho-Corasick pass together with the place names, and the longest match at a
position wins (so "power plant" beats "plant", "ammunition depot" beats
"depot"). To teach the tool a new word, add it here and add a test.
"""

from __future__ import annotations

from .lang import cues as _cyrillic

#: "Russian aircraft struck villages and towns 24 times": aircraft named as what struck, an airstrike
#: when no weapon of theirs is named ("aircraft struck Zaporizhzhia with Kh-59 missiles": missiles).
AIRCRAFT_STRUCK: tuple[str, ...] = (
    "aircraft struck", "warplanes struck", "aviation struck", "planes struck",
    "russian aircraft struck", "russian warplanes struck", "russian aviation struck",
    "enemy aircraft struck", "enemy aviation struck",
)

#: Weapon words -> strike_type. All of them are strong strike cues.
WEAPONS: dict[str, tuple[str, ...]] = {
    "drone": (
        "drone", "drones", "uav", "uavs", "unmanned aerial vehicle", "unmanned aerial vehicles",
        "shahed", "shaheds", "geran", "geran-2", "kamikaze drone", "kamikaze drones", "loitering munition",
        "fpv drone", "fpv drones", "fpv", "lancet", "lancets", "quadcopter", "quadcopters",
        "strike drone", "strike drones", "attack drone", "attack drones", "gerbera", "molniya",
    ),
    "missile": (
        "missile", "missiles", "cruise missile", "ballistic missile", "iskander", "kinzhal",
        "kalibr", "kh-101", "kh-22", "s-300", "storm shadow", "scalp", "atacms", "neptune",
        "flamingo", "kh-59", "kh-69", "kh-31", "kh-47", "kh-555", "oniks", "onyx", "zircon",
        "tochka-u", "cruise missiles", "ballistic missiles", "s-400", "iskander-m",
        # The Russian defence ministry's words for its missiles ("with high-precision long-range weapons").
        "high-precision long-range weapons", "long-range high-precision weapons", "high-precision weapons",
        "long-range precision weapons", "precision long-range weapons",
        # One rocket on its own is a missile, as Ukrainian officials' "ракета" is translated ("a
        # rocket ripped through the building"; geomap.reading keeps it only after "a", "the", "one");
        # rockets fired in salvos are artillery's (below).
        "rocket",
    ),
    "airstrike": (
        "airstrike", "airstrikes", "air strike", "air strikes", "air raid", "bombing raid",
        "aerial bomb", "aerial bombs", "bombed", "bombing", "bombs", "dropped bombs",
        "air-dropped bomb", "air-dropped bombs", "by aircraft", "aviation strike", "aviation strikes",
        "aviation attack", "aviation attacks",
        *AIRCRAFT_STRUCK,
    ),
    "artillery": (
        "shelling", "shelled", "shells", "artillery", "mortar", "mortars", "rocket launcher",
        "multiple rocket", "grad", "mlrs", "tank fire", "cluster munitions", "cluster munition", "howitzer",
        "howitzers", "uragan", "smerch", "tube artillery", "artillery fire", "mortar fire", "himars",
        "rocket fire", "rocket artillery", "rocket system", "rocket systems",
        "multiple-launch rocket system", "multiple-launch rocket systems", "rocket salvo", "rocket salvos",
        # "came under multiple launch rocket system fire": the guns' fire, no blaze (as "artillery fire").
        *(f"{gun} fire" for gun in ("multiple launch rocket system", "multiple-launch rocket system",
                                    "rocket system", "mlrs", "grad", "uragan", "smerch", "howitzer",
                                    "rocket launcher")),
    ),
    "glide_bomb": (
        "glide bomb", "glide bombs", "guided bomb", "guided bombs", "guided aerial bomb",
        "guided aerial bombs", "kab", "kabs", "fab-500", "fab-1500", "umpk",
        "glide-bomb", "glide-bombs", "guided air bomb", "guided air bombs", "guided aviation bomb",
        "guided aviation bombs", "corrected aerial bomb", "corrected aerial bombs", "fab-250", "fab-3000",
        "kab-500", "kab-1500",
    ),
    "sabotage": (
        "sabotage", "saboteur", "saboteurs", "arson", "arsonist", "partisan", "partisans",
        "explosive device", "derailed", "derailment", "derails", "derail", "came off the rails",
        "set fire to", "mined the line", "blew up", "bomb placed", "bomb planted", "placed a bomb",
        "planted a bomb", "car bomb", "homemade bomb", "improvised explosive",
    ),
}

#: "came under enemy fire and air strikes": shelling and bombing both, neither tied to a place
#: (strong strike words that name no weapon, and lend the places none from before).
MIXED_FIRE: tuple[str, ...] = (
    "fire and air strikes", "fire and airstrikes", "fire and air attacks", "shelling and air strikes",
    "shelling and airstrikes",
    *(f"{verb} under {enemy}fire and {air}" for verb in ("came", "come", "comes")
      for enemy in ("", "enemy ") for air in ("air strikes", "airstrikes", "air attacks")),
)

#: Strike words of gunfire: a place "fired on" or "under fire" with no weapon named, and none
#: passed on from the report, was shelled (geomap.story.weapons.gunfire_is_shelling).
GUNFIRE: tuple[str, ...] = (
    "fired on", "fired upon", "opened fire", "came under fire", "come under fire", "comes under fire",
    "came under enemy fire", "come under enemy fire", "came under russian fire",
)

#: Outcome words that tell a strike even with no strike word: "Russian forces have destroyed an
#: ammunition depot near Novomoskovsk" (geomap.strike_sentence.destroyed_site); the matcher's
#: quick test for strike reporting looks for them too.
DESTROYED: frozenset[str] = frozenset({"destroyed", "destroying"})

#: "Explosions were heard in Krasnodar": a strike at the place, neither a hit nor an interception
#: (geomap.attributes.status reads what was heard as neither).
HEARD: tuple[str, ...] = (
    "explosions were heard", "explosions heard", "explosions were also heard", "blasts were heard",
    "blasts were also heard", "explosion was heard",
)

#: Words that mark a strike without naming the weapon. "strong" ones carry a
#: sentence on their own; "weak" ones need a named facility or a target word.
STRIKE_WORDS: dict[str, tuple[str, ...]] = {
    "strong": (
        "strike", "strikes", "struck", "shot down", "downed", "intercepted", "bombarded",
        "bombardment", "barrage", "pounded", "hits were recorded", "hit was recorded",
        "impacts were recorded", "was hit", "were hit", "brought down", "destroyed over",
        "were destroyed over", "destroyed above", "were destroyed above", "shot down above",
        "downed above", "intercepted above", "fired at", *GUNFIRE,
        # "fired from the Kursk region at Esman": the launch area stands between verb and target.
        "fired from",
        "came under attack", "come under attack", "comes under attack",
        "came under enemy attack", "come under enemy attack", "came under russian attack",
        # "under enemy fire and air strikes": shelling or bombing, neither tied to a place.
        *MIXED_FIRE,
        "rocket attack", "rocket attacks", "rocket strike", "rocket strikes", "rockets", "shot at",
        "air defence was working", "air defense was working", "air defences were working",
        "air defenses were working", "air defence was active", "air defense was active",
    ),
    "weak": (
        "attack", "attacks", "attacked", "hit", "hits", "hitting", "targeted", "targeting", "target",
        "explosion", "explosions", "blast", "blasts", "fire", "fires", "blaze", "ablaze", "caught fire",
        "damaged", "damage", "debris", "wreckage", "debris fell",
        *HEARD, "detonation", "detonations", "destruction",
        "affected", "rescuers were at work", "rescuers are at work", "rescuers were working",
        "rescuers are working", "rescue operation", "rescue operations",
    ),
}

#: A strike that cut the power: something on the ground was hit, and it was the grid's.
_POWER_LOST = ("lost electricity", "lost power", "without electricity", "without power", "power cut",
               "power cuts", "de-energised", "de-energized")

#: Outcome words -> status.
OUTCOMES: dict[str, tuple[str, ...]] = {
    "hit": (
        "hit", "hits", "struck", "damaged", "damage", "damaging", "destroyed", "destroying", "fire",
        "fires", "blaze", "tore through", "ripped through", "crashed into", "slammed into", "smashed",
        "knocked out", "out of action", "wrecked", "gutted", "killing", "injuring", "wounding", "hurt",
        "ablaze", "caught fire", "on fire", "burning", "burned", "burnt", "burns", "ignited", "engulfing",
        "engulfed", "explosion", "explosions", "blast", "killed", "injured", "wounded", "dead",
        "casualties", "collapsed", "debris fell", "debris", "wreckage", "power outage", "outages",
        "blackout", *_POWER_LOST, "paused", "halted", "suspended operations", "smoke", "destruction",
        "hits were recorded",
        "hit was recorded", "impacts were recorded", "was hit", "were hit", "been hit", "was struck",
        "were struck", "rescuers were at work", "rescuers are at work", "rescuers were working",
        "rescuers are working", "rescue operation", "rescue operations",
        # (also a saboteur's words, and the longer match hides the "fire" inside them)
        "set fire to", "set on fire", "set ablaze",
    ),
    "intercepted": (
        "shot down", "downed", "intercepted", "repelled", "thwarted", "neutralised", "neutralized",
        "suppressed", "were destroyed over", "destroyed over", "destroyed in the air",
        "were destroyed above", "destroyed above",
        "brought down", "air defence was working", "air defense was working", "air defences were working",
        "air defenses were working", "air defence was active", "air defense was active",
    ),
    "claimed": (
        "claimed", "claims", "claim", "alleged", "general staff", "claimed responsibility",
        "according to kyiv", "according to moscow",
    ),
}

#: Target words that cover many kinds: a kind named beside them says more.
UMBRELLA_TARGETS: frozenset[str] = frozenset({
    "civilian infrastructure", "critical infrastructure", "industrial", "enterprise", "infrastructure",
})

#: Outcome words that say people were hurt: with them even a soft strike word ("attacks") reports
#: a strike.
CASUALTIES: frozenset[str] = frozenset({
    "killing", "injuring", "wounding", "killed", "injured", "wounded", "dead", "hurt",
})

#: Outcome words that say something on the ground was damaged: with them, too, a soft strike word
#: ("Russian forces attacked Mykolaiv, starting a fire") reports a strike.
DAMAGE: frozenset[str] = frozenset({
    "damaged", "damaging", "destroyed", "destruction", "fire", "fires", "caught fire", "on fire",
    "ablaze", "blaze", "out of action", *_POWER_LOST,
    "burning", "smoke", "collapsed", "wrecked", "gutted",
})

#: Words of ground fighting and other violence: people hurt "in fighting near Bakhmut" or by gunmen
#: were not hurt by a strike.
GROUND_COMBAT: tuple[str, ...] = (
    "fighting", "battle", "battles", "clashes", "assault", "assaults", "offensive", "advance",
    "advanced", "captured", "capture", "troops entered", "ground attack", "landmine", "mine",
    # ... and of other violence: gunmen, executions, a massacre.
    "gunmen", "gunman", "shooting", "shot dead", "stabbing", "stabbed", "massacre", "executed",
    "execution", "terrorist attack", "hostages",
)

#: Words that cancel an outcome word just after them ("no damage", "without casualties").
NEGATIONS: tuple[str, ...] = (
    "no", "not", "without", "neither", "nor", "did not", "didn't", "denied", "no significant",
    "nothing", "no one", "nobody", "none",
    "no reports of", "not confirm", "not specify",
)

#: Target words -> target_type.
TARGETS: dict[str, tuple[str, ...]] = {
    "refinery": ("refinery", "refineries", "oil refinery", "oil refineries", "refining"),
    "oil_depot": (
        "oil depot", "oil depots", "fuel depot", "fuel depots", "depot", "oil storage",
        "oil transshipment depot", "oil transshipment depots",
        "fuel storage", "tank farm", "oil terminal", "storage tanks", "fuel tanks", "oil store",
        "fuel store", "oil storage facility", "fuel storage facility", "fuel warehouse", "oil warehouse",
        "oil terminals", "depots", "lubricant depot", "lubricant depots", "fuel and lubricant depot",
        "fuel and lubricant depots", "fuel and lubricants depot", "fuel and lubricants depots",
    ),
    "pumping_station": ("pumping station", "oil pumping station", "pumping stations", "pipeline"),
    "gas_facility": (
        "gas facility", "gas facilities", "gas pumping station",
        "gas pipeline", "gas pipelines", "gas processing", "gas compressor",
        "gas metering station", "gas production", "gas infrastructure", "gas plant", "gas field",
        "gas distribution station", "gas distribution stations", "gas distribution point",
    ),
    "power_plant": (
        "power plant", "power plants", "power station", "power stations", "thermal power",
        "thermal power plant", "hydroelectric", "hydropower", "nuclear power plant", "tpp", "chp",
        "hpp", "combined heat and power",
    ),
    "substation": ("substation", "substations", "electrical substation", "transformer"),
    "energy_other": (
        "energy infrastructure", "energy facility", "energy facilities", "power supplies",
        "power supply", "power line", "power lines", "power cable", "power grid", "energy system",
        "grid", "critical infrastructure", "electricity infrastructure", "fuel and energy complex",
        "fuel and energy facility", "fuel and energy facilities", "energy object", "energy objects",
        "critical infrastructure facility", "critical infrastructure facilities", *_POWER_LOST,
    ),
    "factory": (
        "plant", "factory", "factories", "works", "enterprise", "industrial", "microelectronics",
        "chemical plant", "defence plant", "defense plant", "production facility",
        "industrial enterprise", "industrial enterprises", "industrial site", "industrial zone",
        "industrial facility", "industrial area", "company's premises", "company premises",
    ),
    "military": (
        "military facility", "military facilities", "military target", "military targets",
        "military repair facility", "military repair facilities", "military repair plant",
        "military institute", "military academy", "military school",
        "military communications institute", "military hospital", "military depot",
        "ammunition depots", "barracks", "ammunition depot", "ammunition warehouse", "ammunition warehouses",
        "arms depot", "weapons warehouse", "ammunition", "arsenal", "command post",
        "military unit", "air defence system", "radar", "troops", "headquarters", "warship",
        "troop concentration", "troop concentrations", "concentration of troops", "concentrations of troops",
        "air defense system", "missile battery", "missile batteries", "air defence battery",
        "air defense battery", "air defence missile system", "air defense missile system",
        # A side's own sites, whole, so that "Russian military" does not take "base" from them.
        *(f"{side} {site}" for side in ("russian", "ukrainian") for site in (
            "military base", "military bases", "military facility", "military facilities",
            "military target", "military targets", "military unit", "military units", "army base")),
        "naval base", "military base", "training ground",
        # Troops in the field and their equipment ("struck Russian positions"; not "tank": oil tanks).
        "positions", "firing positions", "artillery positions", "military equipment",
        "patriot launcher", "patriot launchers", "patriot system",
        "patriot systems", "patriot battery", "patriot batteries",
        "armoured vehicle", "armoured vehicles", "armored vehicle", "armored vehicles",
    ),
    "airfield": (
        "airfield", "air base", "airbase", "airfields", "air bases", "airport", "aerodrome",
        "military airfield", "military airfields", "russian military airfield", "ukrainian military airfield",
        "runway",
    ),
    "port": ("port", "seaport", "harbour", "harbor", "terminal", "berth", "grain terminal", "shipyard",
             "shipyards", "ship repair yard", "ship repair plant", "dockyard"),
    "railway": (
        "railway", "railways", "rail", "railway station", "train station", "locomotive",
        "rail line", "railway bridge", "train", "locomotive depot", "locomotive depots", "railway depot",
        "railway depots", "rolling stock",
    ),
    "residential": (
        "apartment", "apartments", "apartment building", "apartment buildings", "apartment block",
        "residential", "house", "houses", "homes", "high-rise", "dormitory", "dwelling",
        "private house", "housing", "private home", "family home", "private family home", "flat", "flats",
        # as regional administrations' posts count them
        "multi-storey building", "multi-storey buildings", "multi-storey residential building",
        "private households", "private household", "high-rise building", "high-rise buildings",
        "country house", "country houses", "summer house", "cottage", "cottages", "courtyard",
    ),
    "civilian_other": (
        "infrastructure", "infrastructure object", "infrastructure objects", "infrastructure facility",
        "infrastructure facilities", "educational institution", "educational institutions",
        "hospital", "school", "shopping centre", "shopping center", "supermarket", "market",
        "church", "university", "kindergarten", "hotel", "civilian infrastructure", "car", "bus",
        "cafe", "restaurant", "office building", "administrative building", "clinic",
        "government building", "government buildings", "governor's office", "administration building",
        "humanitarian", "aid distribution point", "aid centre", "aid center", "historic buildings",
        "city centre", "city center", "shopping street", "shopping mall", "ice rink", "stadium",
        "theatre", "museum", "post office", "bus stop", "bus station", "petrol station",
        "gas station", "filling station", "playground",
        "park", "pharmacy", "library", "college", "lyceum", "civilian car", "minibus",
        "arts centre", "arts center", "community centre", "community center", "cultural centre",
        "cultural center", "house of culture", "buses", "cars", "bank building", "bank branch",
        "business facility", "business premises", "commercial premises", "commercial facility",
        "shop", "shops", "store", "garage", "garages", "sports complex", "medical facility",
        "outbuilding", "outbuildings", "non-residential premises", "non-residential building",
        "sanatorium", "dining hall", "canteen", "service station", "car service", "medical centre",
        "medical center", "television tower", "tv tower", "forestry", "warehouse", "warehouses",
        # a farm, not a plant ("the buildings of an agricultural enterprise")
        "agricultural enterprise", "agricultural enterprises", "farm", "farms", "farm buildings",
        "wheat field", "wheat fields", "grain field", "grain fields", "farmland", "crops",
    ),
}

#: Actor words -> the side they name. Used with a weapon or attack word right after them.
ACTORS: dict[str, tuple[str, ...]] = {
    "russia": (
        "russian", "russia", "russian forces", "russian army", "russian military",
        "russian troops", "russia's forces", "russia's armed forces", "russia's military",
        "russian aircraft", "russian aviation",
        # (also weapon phrases, which the longest match keeps whole: the side stays named)
        *(p for p in AIRCRAFT_STRUCK if p.startswith("russian ")),
    ),
    "ukraine": (
        "ukrainian", "ukraine", "ukrainian forces", "ukrainian military", "ukrainian troops",
        "ukrainian army", "ukraine's forces", "ukraine's armed forces", "ukraine's military",
        "ukraine's general staff", "ukraine's navy", "ukraine's security service", "sbu",
        "kyiv's forces",
    ),
}

#: Phrases just before a place that make it a mere mention, with the reason recorded.
MENTION_BEFORE: dict[str, tuple[str, ...]] = {
    "names an official's office (e.g. its governor)": (
        "mayor of", "governor of", "head of", "the mayor of", "the governor of", "the head of",
    ),
    "talks or meeting": (
        "talks in", "talks at", "meeting in", "met in", "summit in", "conference in",
        "negotiations in", "hosted in", "ceasefire talks in",
    ),
    "visit or travel": (
        "visit to", "visited", "arrived in", "flew to", "travelled to", "traveled to", "trip to",
        "returned to", "arriving in", "based in", "born in", "lives in", "travel to", "travelling to",
        "traveling to", "bound for",
    ),
    "relative position": (
        "southeast of", "south-east of", "southwest of", "south-west of", "northeast of",
        "north-east of", "northwest of", "north-west of", "north of", "south of", "east of",
        "west of", "km from", "kilometres from", "kilometers from", "miles from", "outside of",
        "km of", "kilometres of", "kilometers of", "miles of", "away from", "border with",
        "across the", "from", "between", "on the coast of", "on the shore of", "on the shores of",
        "town on the", "city on the", "port on the", "lies not far from", "located not far from",
        "situated not far from", "lies near", "located near", "situated near", "lies close to",
        "located close to", "closer to", "close to the border with",
    ),
    "direction of flight": (
        "flying toward", "flying towards", "heading toward", "heading towards", "heading for",
        "en route to", "on their way to", "on its way to", "flying in the direction of",
    ),
    "civilians urged to leave": (
        "urged civilians in", "urged residents in", "urged residents of", "urged civilians in the",
        "urged residents in the", "evacuated from", "evacuation from", "evacuation of", "fled",
        "fled from", "fleeing", "fleeing from",
    ),
    "ground fighting (gains, captures)": (
        "gains in", "territorial gains in", "advances in", "advance in", "advanced in",
        "advancing in", "advancing on", "captured", "capture of", "seized", "took control of",
        "control of", "liberated", "liberation of",
    ),
    "where a force is based": ("navy in the", "fleet in the"),
    "names a bay or gulf": ("bay of", "gulf of"),
    "flights halted": ("airports in", "airport in", "flights at", "flights to", "flights from"),
    "launch area": (
        "launched from", "launched from the", "fired from", "fired from the",
        "from the area of", "from the territory of", "from the direction of", "from the waters of",
        "from occupied", "from the occupied", "from the temporarily occupied", "from annexed",
        "launched them from", "took off from",
    ),
    # "the ministry's briefing made no mention of Ufa": a place a report leaves out is no strike of it.
    "named as left out": ("no mention of", "did not mention", "didn't mention", "without mentioning"),
    "seat of government": (
        "ministry in", "government in", "officials in", "authorities in", "embassy in",
        "leadership in", "ministry of defence in", "accused", "accusing", "blamed", "blaming",
        "held by", "controlled by", "occupied by",
    ),
}

#: Words just after a capital or country that make it a stand-in for a government.
METONYM_AFTER: tuple[str, ...] = (
    "'s", "said", "says", "agreed", "agreeing", "agrees", "denied", "denies", "accused",
    "insisted", "insists", "announced", "claims", "claimed", "wants", "rejected", "regime",
    "has", "have", "complained", "protested", "warned", "responded", "retaliated", "reports",
    "reported", "vowed", "promised", "threatened",
    "government", "authorities", "has said", "has accused", "would", "will", "could", "must",
    "refused", "demanded", "alleged", "had", "hits", "strikes", "launched", "launches", "fired",
    "fires", "is aiming", "aims", "sent", "sends", "struck back", "hit back", "struck at", "draws",
    "relies", "seeks", "needs", "may", "might", "used", "uses", "annexed", "annexes",
    "attempted", "tried", "is trying", "invaded", "invades",
    # "as Moscow continues massive drone assault on Kyiv", "Moscow kept up its drone attacks"
    "continues", "kept up", "keeps up", "stepped up", "steps up",
    # ... and in Russian and Ukrainian ("Москва заявила", "Київ звинуватив").
    "заявил", "заявила", "заявили", "заявляет", "считает", "обвинил", "обвинила", "обвинили", "обвиняет",
    "отрицает", "опровергла", "опроверг", "требует", "пригрозил", "пригрозила", "заявив", "заявила",
    "заявляє", "звинуватив", "звинуватила", "звинувачує", "вважає", "наполягає", "заперечує", "відкинув",
    "відкинула", "вимагає", "погрожує",
)

#: Phrases that make a fire an accident, not a strike.
ACCIDENT: tuple[str, ...] = (
    "technical malfunction", "malfunction", "short circuit", "accident", "faulty wiring",
    "equipment failure", "careless handling", "no drone activity", "not caused by",
)

#: Phrases of a fire or blast whose cause is still being sought: no strike is reported.
CAUSE_SOUGHT: tuple[str, ...] = (
    "looking into what caused", "looking into the cause", "investigating what caused",
    "investigating the cause", "cause is being investigated", "cause is under investigation",
    "cause is being established", "causes are being established", "cause is being determined",
)

#: Phrases that put a sentence in the past (an anniversary, a history lesson).
HISTORICAL: tuple[str, ...] = (
    "anniversary", "year since", "years since", "years ago", "year ago", "in memory of",
    "commemorat",
)

#: Words that make a bare name mean its region ("regions targeted included Saratov").
REGION_CONTEXT: tuple[str, ...] = (
    "regions", "oblasts", "provinces", "border areas of", "border regions of", "areas of",
)

#: First names that are also towns ("Vladimir" Putin): not a place when a capitalised
#: word follows.
PERSON_FIRST_NAMES: frozenset[str] = frozenset({
    "vladimir", "donald", "sergei", "sergey", "dmitry", "pavel", "nikolai", "marco", "steve",
    "svetlana", "rustem", "keir", "winston", "tucker", "volodymyr", "vladyslav", "alexander",
    "aleksandr", "oleksandr", "yulia", "andriy", "viktor", "vitali", "vitaliy", "roman",
    "igor", "oleg", "ivan", "maria", "elena", "anna", "olga", "natalia", "boris", "emmanuel",
    "olaf", "ursula", "antony", "joe", "kamala", "recep", "mark", "ruslan", "denis", "artem",
    "vasily", "vasyl", "vyacheslav", "gleb", "andrei", "andrey", "yevgeny", "evgeny", "mikhail",
    "nikolay", "dmitri", "alexei", "aleksei", "oleksiy", "oleh", "serhiy", "vitaly", "yury", "yuri",
    "konstantin", "maxim", "maksym", "pavlo", "ihor", "valery", "anatoly", "leonid", "fyodor",
    "stanislav", "vadim", "vadym", "kirill", "timur", "rustam", "ramzan", "emil", "sergiy",
    "serhii", "marina", "oleksii", "mykola", "vitalii", "yuriy", "petro",
    "dmytro", "iryna", "tetiana", "veniamin",
})

#: Titles before a name that make it a person's ("Governor Gusev", "Mayor Sadovyi"), not a place.
PERSON_TITLES: tuple[str, ...] = (
    "governor", "mayor", "head", "minister", "president", "general", "spokesman", "spokeswoman",
    "spokesperson", "commander", "chief", "deputy", "lt.", "col.", "gen.", "colonel", "lieutenant",
    "adviser", "advisor", "senator", "mr", "mr.", "ms", "ms.", "mrs", "mrs.",
)

#: Words after a place that make it the office of an official, not where a strike fell
#: ("Rostov governor Vasily Golubev said", "Kharkiv regional authorities").
OFFICE_AFTER: tuple[str, ...] = (
    "governor", "mayor", "authorities", "officials", "administration", "regional governor",
    "regional authorities", "regional administration", "city council", "police", "prosecutor",
    "prosecutors", "emergency services", "health ministry", "region governor", "region's governor",
    "military administration", "city military administration", "regional military administration",
    "oblast military administration", "regional state administration", "regional council",
    "prosecutor's office", "regional prosecutor's office", "ova", "fleet", "navy", "time",
    "people's republic",
    # "the Krasnodar Krai Operational Headquarters", "coordinator of the Mykolaiv underground".
    "operational headquarters", "operational hq", "underground", "partisans", "resistance movement",
    # "The Krasnodar Region's operational headquarters said", the region matched whole.
    "'s operational headquarters", "’s operational headquarters", "'s governor", "’s governor",
    "'s regional administration", "’s regional administration",
    # "Kherson RMA head Oleksandr Prokudin": regional, city military and state administrations.
    "rma", "cma", "mva", "oda",
    # ... and in Russian and Ukrainian: "Харківська ОВА", "Сумська ОДА", "Київська МВА".
    "ова", "ода", "мва", "вца", "ога", "обладминистрация", "оперштаб",
)

#: Capitalised words that GeoNames knows as some place somewhere but that news
#: English uses as ordinary words (months, sentence openers, institutions).
NOT_PLACES: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "one", "but", "and", "the", "central", "union", "white house", "tass",
    "reuters", "nato", "kremlin", "president", "mayor", "governor", "energy", "general", "staff",
    "army", "navy", "state", "independent", "telegram", "facebook", "video", "latest", "world",
    "news", "related", "advertisement", "join", "already", "skip", "share", "getting", "meanwhile",
    "earlier", "later", "however", "according", "defence", "defense", "ministry", "minister",
    "national", "north", "south", "east", "west", "victory", "peace", "pravda", "sputnik",
    "liberty", "freedom", "justice", "hope", "progress", "zelensky", "zelenskyy", "putin",
    "trump", "rubio", "patrushev", "lavrov", "peskov", "volga", "don", "dnieper", "desna",
    "marine",  # "the Marine Oil Terminal", "Marine Corps": GeoNames also spells Mar'ino so
})

#: Weapon systems named like some village or town of the theatre ("a Pantsir unit" is no
#: Krasnoarmeysk, once Pantsir; "Peklo missile-drones" no Velykotsk, once Peklo; "a Verba MANPADS").
#: Read as a weapon only where the words around say so (:func:`geomap.mentions.plain_reason`):
#: "in Verba" is the Chernihiv village.
WEAPON_NAMES: frozenset[str] = frozenset({
    "tor", "buk", "osa", "strela", "verba", "pantsir", "malka", "pion", "peklo", "geran",
    "palianytsia", "palyanytsia", "rubezh", "krasnopol", "vilkha", "iskander", "baba",
    # Russian and Ukrainian news write them in quotes: «Панцирь-С1», ракета-дрон «Паляниця».
    "малка", "пекло", "паляниця", "паляница", "тор", "оса", "верба", "бук",
})

#: Rivers that share their name with a town (GeoNames' primary names, lower case): "the left bank
#: of the Dnipro", "across the Oskil", "the Siverskyi Donets" are water, not the towns.
RIVER_NAMES: frozenset[str] = frozenset({
    "dnipro", "inhulets", "oskil", "sula", "desna", "vovcha", "mius", "aydar", "sluch", "donets",
    "prypiat", "irpin",
})

#: Capitals and countries whose names stand for governments ("Moscow agreed").
CAPITALS: frozenset[str] = frozenset({
    "moscow", "kyiv", "kiev", "minsk", "washington", "london", "paris", "berlin", "beijing",
    "brussels", "warsaw", "ankara", "tehran", "pyongyang", "москва", "москвы", "москве", "москву",
    "київ", "києва", "києві", "києву", "киев", "киева", "киеве", "киеву",
})


# The Russian and Ukrainian words of the tables read by membership (their every form, from
# geomap/lang/cue_forms.tsv.gz): people hurt, damage, first names.
CASUALTIES = CASUALTIES | _cyrillic.words("casualties")
DAMAGE = DAMAGE | _cyrillic.words("damage")
PERSON_FIRST_NAMES = PERSON_FIRST_NAMES | _cyrillic.words("first_name")
NOT_PLACES = NOT_PLACES | _cyrillic.words("not_place")


#: Warnings of an attack, not attacks: matched so that "air raid" inside them is no weapon.
AIR_ALERTS: tuple[str, ...] = tuple(
    f"air raid {word}" for word in ("alert", "alerts", "alarm", "alarms", "siren", "sirens", "warning",
                                    "warnings", "shelter", "shelters")
)

#: Words that hold a strike word and tell no strike of their own: "one of the hardest-hit
#: communities" ranks a place among others, it says nothing was damaged there.
INERT: tuple[str, ...] = (
    "hardest hit", "worst hit", "hard hit",  # (and "hardest-hit": hyphens fold)
    # The defence's own means: "shot down by mobile fire groups and anti-aircraft missile units" names
    # no fire on the ground and no missile that struck.
    "fire group", "fire groups", "mobile fire group", "mobile fire groups",
    *(f"{kind} missile {unit}" for kind in ("anti-aircraft", "surface-to-air", "air defence", "air defense")
      for unit in ("unit", "units", "troops", "forces", "systems", "system")),
)

#: Outcome words that at a settlement tell where shells fell, not what they damaged
#: (geomap.attributes.status; geomap.story.carrying_on).
BLASTS: frozenset[str] = frozenset({"explosion", "explosions", "blast", "blasts"}) | _cyrillic.words("blasts")


def phrases() -> dict[str, list[tuple[str, str]]]:
    """Return every cue phrase with the (table, value) pairs it signals.

    Tables: ``weapon``, ``strike:strong``, ``strike:weak``, ``outcome``,
    ``target``, ``actor``, ``region_context``, ``alert`` and ``inert`` (read by nothing: they keep
    "air raid" in "air raid sirens" from being a weapon, "hit" in "the hardest-hit" from being
    damage). The other tables here (negations,
    mention contexts, metonyms, history, accidents) are read from the words
    around a match, not matched themselves.
    """
    out: dict[str, list[tuple[str, str]]] = {}

    def add(table: str, value: str, words: tuple[str, ...] | frozenset[str]) -> None:
        for word in words:
            out.setdefault(word, []).append((table, value))

    for value, words in WEAPONS.items():
        add("weapon", value, words)
    for value, words in STRIKE_WORDS.items():
        add(f"strike:{value}", value, words)
    for value, words in OUTCOMES.items():
        add("outcome", value, words)
    for value, words in TARGETS.items():
        add("target", value, words)
    for value, words in ACTORS.items():
        add("actor", value, words)
    add("region_context", "region", REGION_CONTEXT)
    add("alert", "alert", AIR_ALERTS)
    add("inert", "inert", INERT)
    # Russian and Ukrainian cues, every form (geomap/lang/ru.py and uk.py, inflected at build time).
    for key, signals in _cyrillic.phrases().items():
        mine = out.setdefault(key, [])
        mine.extend(s for s in signals if s not in mine)
    return out

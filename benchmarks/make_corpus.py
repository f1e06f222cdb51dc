"""Write a news-like JSONL corpus of a given size for the throughput benchmark.

Run: python benchmarks/make_corpus.py OUT.jsonl SIZE_MB [--seed N] [--style {dense,news}]

The articles are assembled from sentence patterns written for this project
and filled with real place names from the gazetteer, so the text reads like
war reporting: strike reports of every kind (refineries, interceptions,
debris, claims, shelling) among politics, economy and diplomacy stories that
name places without any strike. About a third of the articles (0.35) are
strike stories in both styles. Deterministic for a given seed.

Two styles:

* ``dense`` (the default, and the corpus earlier benchmark figures were
  measured on; its output for a given seed is unchanged): a headline and 8 to 22 short
  sentences per article, about 85 bytes each, and in strike stories about 40%
  of sentences carry a strike cue -- denser and choppier than real reporting.
* ``news``: articles built the way real reports are -- a headline, a lead,
  attribution, detail interleaved with the aftermath, quotes, reactions, then
  background and context paragraphs on diplomacy, the economy and daily life.
  Strike stories (on Russian sites or on Ukrainian towns) run 20 to 40
  sentences, others 16 to 32. It is calibrated to the five real articles in
  ../shared/seeds, measured with geomap's own sentence splitter and cue
  matcher (a sentence is a strike sentence when a weapon or strike cue is
  found in it): about 137 bytes per sentence, 27% strike sentences, about 35
  sentences per article. The news style gives about 135 bytes per sentence
  over the whole corpus and about 27% strike sentences in strike stories.
  Only the headline, lead, detail, background and cue-quote pools of
  NEWS_STRIKE carry strike cue words, so that share is set by how many
  sentences are drawn from them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from pathlib import Path

GAZ = Path(__file__).resolve().parents[1] / "gazetteer"

STRIKE = [
    "Ukrainian drones struck the {facility} {when}, starting a fire, the governor of the {region} said.",
    "Air defence units destroyed {n} drones over the {region} and {m} over the {region2} {when}, "
    "the defence ministry said.",
    "Debris from a downed drone fell on a private house in {ru_town}, damaging its roof, officials said.",
    "Russian missiles hit an apartment block in {ua_town} {when}, killing {k} people and injuring {n}.",
    "A Russian drone attack on {ua_town} damaged a substation and left homes without power.",
    "Russian forces shelled {ua_town} {when}, wounding {k} civilians, the regional administration said.",
    "Glide bombs hit an industrial area of {ua_town} on {weekday}, the governor wrote on Telegram.",
    "Ukraine's General Staff said its forces had struck the {facility}, hitting storage tanks.",
    "A fire broke out at an oil depot in {ru_town} after a drone attack, the emergencies ministry said.",
    "The attack set several tanks ablaze and firefighters worked through the night.",
    "Drones were intercepted over the {region} {when}, with no damage reported.",
]
OTHER = [
    "Officials from both sides are expected to meet in {capital} next week to discuss a prisoner exchange.",
    "The central bank kept its key rate unchanged, citing inflation and weak demand in {ru_town}.",
    "Farmers near {ua_town} said the harvest was late because of the cold spring.",
    "Analysts said sanctions on oil exports had so far had a limited effect on the budget.",
    "The minister visited {capital} on {weekday} for talks on energy supplies and trade.",
    "A court in {ru_town} sentenced a local official to six years for taking bribes.",
    "Rail operators said passenger traffic between {ua_town} and {ua_town2} had recovered.",
    "The festival in {ua_town} drew thousands of visitors despite the curfew.",
    "Prices of diesel rose for a third week as refinery maintenance season began.",
    "The governor of the {region} promised to rebuild the school by September.",
    "Lawmakers debated a bill on mobilisation that would lower the call-up age.",
    "Residents of {ru_town} complained about water supply interruptions in the old district.",
    "The company reported higher profits and said it would pay a dividend in the autumn.",
    "Diplomats in {capital} said a ceasefire on energy infrastructure was still under discussion.",
]
WHEN = ["overnight", "on {weekday}", "late on {weekday}", "early on {weekday}", "last week",
        "on Sunday night"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CAPITALS = ["Istanbul", "Geneva", "Riyadh", "Warsaw", "Helsinki", "Vienna", "Doha"]


def _tsv(name: str) -> list[dict[str, str]]:
    with open(GAZ / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _places() -> dict[str, list[str]]:
    regions = _tsv("regions.tsv")
    facilities = _tsv("facilities.tsv")
    return {
        "facility": [f["name"] for f in facilities if f["country"] == "RU"],
        "region": [f"{r['name']}" for r in regions if r["country"] == "RU" and r["kind"] == "oblast"],
        "ru_town": [r["centre"] for r in regions if r["country"] == "RU"],
        "ua_town": [r["centre"] for r in regions if r["country"] == "UA"],
    }


def _fill(pattern: str, rng: random.Random, places: dict[str, list[str]]) -> str:
    when = rng.choice(WHEN).format(weekday=rng.choice(WEEKDAYS))
    return pattern.format(
        facility=rng.choice(places["facility"]), region=rng.choice(places["region"]),
        region2=rng.choice(places["region"]), ru_town=rng.choice(places["ru_town"]),
        ua_town=rng.choice(places["ua_town"]), ua_town2=rng.choice(places["ua_town"]),
        capital=rng.choice(CAPITALS), weekday=rng.choice(WEEKDAYS), when=when,
        n=rng.randint(2, 60), m=rng.randint(1, 20), k=rng.randint(1, 9),
    )


def article(rng: random.Random, places: dict[str, list[str]]) -> str:
    """One article: a headline line, then paragraphs; about a third report strikes."""
    strike_story = rng.random() < 0.35
    sentences = []
    for _ in range(rng.randint(8, 22)):
        pool = STRIKE if strike_story and rng.random() < 0.4 else OTHER
        sentences.append(_fill(rng.choice(pool), rng, places))
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return "\n\n".join([sentences[0].split(",")[0], *paragraphs])


# --- style="news" -----------------------------------------------------------------------------
# Longer sentences in the shape of real reports: a headline, a lead, attribution, detail,
# official quotes, reactions, and context paragraphs on diplomacy, the economy and daily
# life. The headlines, leads, details, background and cue_quotes of NEWS_STRIKE all carry a
# strike cue word; every other news pool is written without one (no weapon, attack, hit,
# fire, damage or debris words), so the share of strike sentences in a strike story is set
# by how many sentences are drawn from each.

NEWS_STRIKE = {
    # Ukrainian raids on Russia: refineries, depots, air bases, interceptions, debris.
    "russia": {
        "headlines": [
            "Drones set fuel tanks ablaze in {ru_town} as raids spread across the {region}",
            "Moscow says it downed {n} drones; governor reports a fire at the {facility}",
            "Kyiv claims a strike on the {facility}, Moscow says the raid was repelled",
            "Debris from intercepted drones lands on homes in {ru_town}",
            "Refinery units halted after drone strike on the {refinery}, sources say",
            "Airports close for hours as drones fly over the {region}",
        ],
        "leads": [
            "Ukrainian drones struck the {facility} {when}, starting a blaze that burned for several hours "
            "before emergency crews brought it under control, the governor of the {region} said.",
            "Russian air defence units shot down {n} Ukrainian drones over the {region} and several "
            "neighbouring regions {when}, the defence ministry said in a statement on its Telegram channel.",
            "Falling debris from a drone brought down over {ru_town} {when} started a fire at a warehouse on "
            "the edge of the city, the regional governor wrote in a post on social media.",
            "Ukraine's military said its long-range drones had hit the {facility} {when}, the latest in a "
            "series of raids on Russian oil sites that Kyiv says keep the Russian army supplied with fuel.",
            "Explosions were heard over {ru_town} {when} as air defence crews engaged what local officials "
            "described as a large group of Ukrainian drones approaching the city from the south-west.",
            "Ukraine's security service carried out a drone strike on the {facility} {when}, a source in the "
            "agency told reporters, adding that several processing units had been put out of action.",
            "A drone attack on the {refinery} {when} forced the plant to shut its largest crude distillation "
            "unit, according to two people familiar with the situation who asked not to be named.",
            "Ukrainian drones targeted an air base in the {region} {when}, residents reported, and the "
            "regional governor later confirmed a fire at what he called an unnamed military site.",
        ],
        "details": [
            "The fire was put out by morning, and officials said the site was no longer in danger.",
            "No one was hurt by the falling debris.",
            "Several more drones were downed near {ru_town} later in the night.",
            "A second blaze started at a nearby depot.",
            "Video filmed by residents showed a column of thick black smoke rising above the site and the "
            "glow of a large fire that could be seen from several kilometres away.",
            "According to the governor, the blaze covered roughly {n}00 square metres at its height and was "
            "finally contained shortly after dawn with the help of crews sent from a neighbouring region.",
            "The ministry said {n} of the drones were destroyed over the {region}, {m} over the {region2} "
            "and the rest over the Black Sea and the Sea of Azov.",
            "Debris landed in the garden of a private house in {ru_town}, shattering windows and slightly "
            "injuring an elderly woman, who was treated at the scene and did not need hospital care.",
            "A fire broke out at one of the primary distillation units, and the plant stopped taking in "
            "crude oil for at least a day, two people familiar with its operations said.",
            "Residents described a series of loud explosions in the early hours and posted clips of tracer "
            "rounds from air defence guns arcing over the rooftops of {ru_town} before dawn.",
            "The governor said a drone had crashed into the grounds of an industrial enterprise in {ru_town} "
            "but that nobody had been hurt and production had not been interrupted.",
            "Emergency officials said the blaze at the {facility} had spread to a second storage tank before "
            "it was brought under control in the late morning.",
            "Satellite images taken the following afternoon appeared to show scorch marks and at least {k} "
            "damaged tanks in the storage area of the facility.",
            "Police said the wreckage of a drone had been found in a field near {ru_town} and that bomb "
            "disposal specialists were examining it.",
            "Flights at the airports of {ru_town} and {ru_town2} were suspended for several hours while air "
            "defence units dealt with the drones, the aviation authority said.",
            "The defence ministry said a further {m} drones had been shot down over the Moscow region later "
            "in the morning, several of them flying towards the capital.",
            "Industry sources said the strike had knocked out a unit that accounts for about a third of the "
            "plant's output, and that repairs could take up to a month.",
        ],
        "background": [
            "Kyiv rarely comments on such strikes directly.",
            "Kyiv has increasingly used long-range drones against Russian refineries, fuel depots and "
            "airfields, arguing that they feed the war machine that pounds Ukrainian cities every night.",
            "It was the {ordinal} attack on the site since the start of the year, and earlier raids had "
            "forced the operator to halt processing for weeks at a time.",
            "The {facility} lies more than {n}0 kilometres from the Ukrainian border, within range of the "
            "drones that Kyiv has been producing in growing numbers since last year.",
            "Moscow has called the Ukrainian drone raids acts of terrorism and promised to respond, while "
            "Kyiv says the sites it targets are legitimate because they serve the Russian military.",
            "The region has been the target of repeated drone raids this year, and local authorities have "
            "installed nets and barriers around the most important industrial sites.",
            "Russian officials have told companies to protect their plants with anti-drone netting and extra "
            "air defence, but the measures have not stopped the raids.",
        ],
        "cue_quotes": [
            "\"Every refinery we hit means fewer tanks and trucks refuelled for the front,\" a "
            "Ukrainian security official told reporters, speaking on condition of anonymity.",
            "\"All the drones were shot down on approach and there is no threat to residents,\" the governor "
            "of the {region} said, urging people to stay away from windows until the all-clear.",
            "\"Our units repelled the drone raid, and the losses claimed by the other side are pure "
            "invention,\" {ru_official} told state television on {weekday} evening.",
            "\"We saw a flash, and then the whole sky over the industrial zone turned orange from the "
            "fire,\" a resident of {ru_town} told a local news website.",
        ],
        "aftermath": [
            "Classes in local schools were cancelled on {weekday}.",
            "The road has since reopened, although traffic police are still checking vehicles.",
            "Residents were later allowed to return home.",
            "Traffic on the main road through {ru_town} was stopped for several hours, and buses to the "
            "regional centre were sent on a long detour through neighbouring villages.",
            "Residents of the nearest streets were told to keep their windows shut because of the smoke, "
            "though officials said air quality readings were within normal limits.",
            "Mobile internet was switched off across parts of the {region} during the night, a measure the "
            "authorities now use routinely when they expect an incursion.",
            "The governor said families from a nearby village would be housed in a hotel in {ru_town} until "
            "engineers had checked that their homes were safe to return to.",
        ],
        "quotes": [
            "\"We were told to stay indoors,\" one resident said.",
            "\"We have enough fuel in storage for the coming weeks, and there is no reason for drivers to "
            "panic,\" the regional energy minister told a briefing in {ru_town} on {weekday}.",
            "\"The situation is under control and all the necessary services are working,\" the governor of "
            "the {region} told residents in a recorded message on {weekday}.",
            "\"Nobody slept last night, and now we are told everything is fine, but we would like to know "
            "what really happened,\" said a pensioner in {ru_town} who gave only her first name.",
        ],
        "reactions": [
            "The Kremlin declined to comment.",
            "Pro-government commentators on Russian television demanded a tougher response, while officials "
            "in Moscow kept their public remarks short.",
            "The Russian foreign ministry accused Western governments of encouraging Kyiv and said they bore "
            "responsibility for any escalation that followed.",
        ],
        "verify": [
            "The company did not respond to a request for comment.",
            "The Russian defence ministry did not comment on the reports, and the company that runs the site "
            "did not answer questions sent to its press office on {weekday}.",
            "Officials in {ru_town} did not say whether production had been affected, and the regional "
            "energy department referred all questions to the federal authorities.",
            "Ukraine's General Staff confirmed the operation in a short statement on {weekday} but gave no "
            "details of the weapons used or the extent of the losses.",
            "Neither the Kremlin nor the energy company commented publicly, and state television gave the "
            "incident only a few seconds near the end of its evening bulletin.",
        ],
    },
    # Russian strikes on Ukraine: missiles, glide bombs, shelling, the power grid.
    "ukraine": {
        "headlines": [
            "{ua_town} mourns {k} dead after overnight missile strike on a residential district",
            "Glide bombs pound {ua_town} for a second day as the front edges closer",
            "Thousands without power in the {ua_region} after a drone attack on the grid",
            "Shelling of {ua_town} leaves {k} civilians dead, officials say",
            "Missiles and drones target energy sites across Ukraine overnight",
            "Rescuers search rubble in {ua_town} after a night of Russian bombardment",
            "Air raid alerts across Ukraine as Russia launches a large drone wave",
        ],
        "leads": [
            "Russia launched a combined barrage of missiles and drones at {ua_town} {when}, killing at "
            "least {k} people and wounding {n} more, according to the head of the regional military "
            "administration.",
            "A Russian glide bomb tore into a residential neighbourhood of {ua_town} {when}, collapsing part "
            "of a five-storey building and trapping residents under the concrete, local officials said.",
            "Russian artillery shelled the centre of {ua_town} {when}, wounding {k} civilians, among them a "
            "teenager, and damaging a school and a row of shops, the regional prosecutor's office said.",
            "A large Russian drone attack on the power network of the {ua_region} {when} left about {n} "
            "thousand households without electricity just as overnight temperatures fell below freezing.",
            "Two Russian ballistic missiles struck the port area of {ua_town} {when}, damaging grain silos "
            "and a civilian cargo ship moored at the quay, the Ukrainian navy said in a statement.",
            "Russian forces pounded villages around {ua_town} with guided bombs and rocket artillery {when}, "
            "forcing the evacuation of families who had stayed on despite months of warnings to leave.",
            "At least {k} people were killed when a Russian missile hit a bus station in {ua_town} {when}, "
            "in one of the deadliest single incidents the city has suffered since the spring.",
        ],
        "details": [
            "The missile hit a nine-storey apartment block.",
            "Two more drones struck the outskirts later in the morning.",
            "Shelling resumed in the afternoon and went on, with short pauses, until after dark.",
            "The blast shattered windows across the block.",
            "The strike ruptured a gas pipe and tore the roofs off {n} houses, and engineers were working to "
            "restore supplies to the district before the evening frost set in.",
            "Ukraine's air force said it had intercepted {n} drones and {k} cruise missiles out of a much "
            "larger wave launched overnight from Russian territory and from bombers over the Caspian Sea.",
            "Rescuers pulled {k} people alive from the remains of the building hit by the missile, and the "
            "search was expected to continue through the night under floodlights.",
            "The attack knocked out power to much of {ua_town}, and trolleybuses stood idle while water "
            "pumping stations and hospitals switched over to diesel generators.",
            "The shelling also damaged a kindergarten and a pharmacy in a nearby village, although nobody "
            "was inside either building at the time, the local council said.",
            "Russia's defence ministry said its forces had struck arms factories and storage sites in the "
            "{ua_region} with precision weapons and that all the designated targets had been hit.",
            "Air raid alerts sounded across most of eastern and central Ukraine for more than {hours} hours "
            "as successive waves of drones crossed the border in the dark.",
            "The guided bombs left craters several metres deep in the courtyard of an apartment block and "
            "blew out windows in buildings up to three streets away.",
            "Local officials said a drone had struck a substation on the outskirts of {ua_town}, cutting "
            "power to {n} thousand customers and to the pumps that supply the city with water.",
            "Russian troops shelled the town {k} times over the course of the day, according to the regional "
            "administration, which publishes a daily tally of such incidents.",
            "The missile hit the upper floors, and because the stairwell had collapsed, rescuers used "
            "ladders to bring residents down from their balconies one by one.",
            "Pieces of a downed drone also fell on a petrol station and a row of garages on the other side "
            "of the river, where a small fire was quickly put out.",
            "Ukraine's energy ministry said the overnight barrage had been aimed at gas production and power "
            "generation in several regions at once.",
        ],
        "background": [
            "Such attacks have become almost nightly.",
            "Russia has struck Ukraine's power plants and substations repeatedly throughout the war, forcing "
            "rolling blackouts in cities that lie hundreds of kilometres from the front line.",
            "In recent months Russia has sharply increased the number of drones it sends over Ukraine each "
            "night, often launching several hundred of them in a single wave.",
            "Frontline towns in the {ua_region} have come under almost daily shelling since the spring, and "
            "most of their pre-war residents have already moved further west.",
            "Ukrainian officials say Russia has adapted its glide bombs to fly further, putting towns that "
            "had been considered relatively safe within reach of its aircraft.",
            "Both sides say they do not strike civilians, although thousands of non-combatants have been "
            "killed since Russia launched its full-scale invasion in February 2022.",
            "Kyiv has asked its allies for more Patriot batteries, saying they are the only reliable defence "
            "it has against Russia's ballistic missiles.",
        ],
        "cue_quotes": [
            "\"The enemy deliberately targeted a residential area at a time when people were asleep in their "
            "beds,\" the head of the {ua_town} city administration said in a video address.",
            "\"We need more air defence systems, and we need them now, not after the next attack,\" "
            "{ua_official} said in a nightly address on {weekday}.",
            "\"We heard the first explosion, then a second one, and then the windows came in,\" said a woman "
            "who lives on the ninth floor of the building opposite.",
        ],
        "aftermath": [
            "Rescue work went on until late evening.",
            "{k} of the wounded are children.",
            "The search for survivors is continuing.",
            "Emergency crews evacuated the residents of {k} neighbouring buildings, and the city opened a "
            "sports hall as a temporary shelter where families could spend the night.",
            "Doctors at the regional hospital said {k} of the injured were in a serious condition, "
            "including a man who had undergone several hours of surgery overnight.",
            "The city declared {weekday} a day of mourning, and flags flew at half-mast on public buildings "
            "as relatives of the victims gathered outside the morgue.",
            "Volunteers handed out water, blankets and hot food to residents who stood outside in the cold "
            "while engineers assessed whether the building could be saved.",
            "Utility workers said heating and water would be restored to most flats within {k} days, "
            "although residents of some streets would have to wait considerably longer.",
            "The local authorities promised payments of up to {n}0,000 hryvnias to families whose flats had "
            "become uninhabitable and opened an office where they can apply for help.",
            "Psychologists from a local charity were at the shelter to support children who had spent the "
            "night in basements, corridors and underground car parks.",
            "Among the dead was a retired music teacher who had refused to leave her flat despite repeated "
            "calls by officials to move somewhere safer.",
            "Workers from the municipal housing service spent the day boarding up broken windows with "
            "plywood and plastic sheeting before the forecast rain arrived.",
            "Blood donation points in {ua_town} reported long queues by midday, and the health department "
            "asked donors with rarer blood groups to come forward first.",
        ],
        "quotes": [
            "\"We are alive, and that is what matters,\" one resident said.",
            "\"It was terrifying,\" said a neighbour.",
            "\"We will rebuild this street, as we have rebuilt others, but first we need to be sure nobody "
            "is left under the concrete,\" the mayor told reporters at the scene.",
            "\"There is no point pretending that this is normal life, but we open every morning because "
            "people need bread,\" said the owner of a bakery around the corner.",
            "\"My children asked me why the sky is so loud at night, and I did not know what to tell them,\" "
            "said a mother of two who spent the night in a metro station.",
            "\"The world must see what is happening to ordinary people here and understand that words alone "
            "will not change it,\" {ua_official} wrote on social media.",
            "\"These are not soldiers, these are pensioners and schoolchildren,\" said a doctor at the city "
            "hospital, who had been on duty since the early hours.",
        ],
        "reactions": [
            "Kyiv's allies condemned the killings.",
            "The United Nations human rights mission in Ukraine said it was gathering information about the "
            "casualties and called on all parties to do more to protect civilians.",
            "The ambassador of {country} to Ukraine wrote on social media that she was appalled by the "
            "scenes in {ua_town} and that her government would send more help.",
            "{ua_official} called on partners to speed up deliveries of promised equipment and to tighten "
            "sanctions on the firms that supply components to Russian arms makers.",
            "Human rights groups said the incident should be investigated as a possible war crime and urged "
            "the authorities to preserve all the evidence collected at the scene.",
        ],
        "verify": [
            "Officials did not disclose the exact location.",
            "The Ukrainian authorities did not say which energy sites had been affected, in line with "
            "wartime rules that restrict reporting on the power system.",
            "Moscow said its forces had used precision weapons against military objects only, an account "
            "that officials in Kyiv dismissed as a lie.",
        ],
    },
}
# Sentences without a strike cue that fit a report from either side.
NEWS_SHARED = {
    "aftermath": [
        "Traffic in the area was restricted for several hours.",
        "Police cordoned off the area and asked residents not to publish photographs or videos that could "
        "reveal the exact location, citing security concerns.",
        "The regional administration said schools in the district would switch to remote lessons for the "
        "rest of the week as a precaution, and kindergartens would stay closed.",
        "The local airport suspended flights for most of the morning, and several dozen passengers spent the "
        "night on benches in the departure hall waiting for news.",
    ],
    "quotes": [
        "\"Everyone is exhausted,\" said a rescuer.",
        "\"People here have learned to live with uncertainty, but every night like this takes something out "
        "of them,\" said a volunteer who runs a soup kitchen in the city.",
        "\"Our teams worked without a break for {hours} hours, and they will keep going until every "
        "apartment has been checked,\" the head of the local emergency service said.",
        "\"The insurance will not cover any of this, so we will have to start again from nothing,\" said a "
        "shopkeeper sweeping glass from the pavement outside his store.",
    ],
    "reactions": [
        "The United Nations called for restraint.",
        "A Kremlin spokesman told reporters that events of this kind only confirmed the need to achieve the "
        "goals of what Moscow calls its special military operation.",
        "The International Atomic Energy Agency said its experts at the nearby nuclear site had reported no "
        "change in radiation levels after the night's events.",
        "The European Union's foreign policy chief said the bloc would present new proposals to its member "
        "states next week and urged them to act without delay.",
        "{west_official} told reporters that the events of the night showed why the allies had to keep "
        "supporting Ukraine for as long as it takes.",
    ],
    "verify": [
        "This could not be independently confirmed.",
        "The figures could not be verified.",
        "The claims could not be independently verified, and neither side publishes complete figures on its "
        "own losses or on the condition of the sites involved.",
        "The account given by regional officials could not be checked on the ground, since journalists need "
        "military permission to travel to the area.",
        "Independent monitoring channels on Telegram, which follow flight paths and local reports, published "
        "a broadly similar account of the night's events.",
        "The numbers given by the two sides differ widely and are usually impossible to reconcile, according "
        "to analysts who have followed the air war since its first winter.",
    ],
}
NEWS_CONTEXT = [
    "The war began in February 2022.",
    "There is no sign of a ceasefire.",
    "The fighting shows no sign of ending soon.",
    "The war, now well into its fourth year, has displaced millions of people inside Ukraine and forced "
    "millions more to seek refuge in neighbouring countries.",
    "Russia controls roughly a fifth of Ukraine's internationally recognised territory, including Crimea, "
    "which it annexed in 2014 after a referendum that Kyiv and the West reject.",
    "Both armies have struggled to recruit enough soldiers to replace their losses, and the front line has "
    "moved only slowly over the past year despite heavy fighting.",
    "Economists say the Russian economy has proved more resilient than many expected, but high interest "
    "rates are now weighing on investment and consumer lending.",
    "Ukraine depends on foreign financing to pay pensions and public salaries, and its budget for next "
    "year assumes that the support of its partners will continue.",
    "The {ua_region} borders the front line, and officials there have spent the past year building "
    "fortifications and shelters for residents who have chosen to stay.",
    "The {region} has become one of the most exposed Russian regions since the invasion began, and "
    "residents now receive alerts on their phones several times a week.",
    "Polls in Ukraine show fatigue with the war but little support for a settlement that would require "
    "giving up land, and trust in the armed forces remains high.",
    "Russian officials rarely give details of the disruption caused by the war inside the country, and "
    "many regional statistics have stopped being published.",
    "Western intelligence agencies estimate that hundreds of thousands of soldiers on both sides have "
    "been killed or wounded since the full-scale invasion began.",
]

NEWS_TOPICS = {
    "diplomacy": {
        "headlines": [
            "Envoys gather in {capital} for a new round of talks on a ceasefire",
            "Kremlin says no date yet for a leaders' meeting as mediators push on",
            "Allies in {capital} discuss security guarantees for Ukraine",
            "Prisoner exchange brings {n} soldiers home on each side",
            "Ministers clash over sanctions as {country} calls for a tougher line",
        ],
        "leads": [
            "Delegations from Russia and Ukraine are due to meet in {capital} next week for a fresh round of "
            "talks on a ceasefire, officials from the host government said on {weekday}.",
            "The Kremlin said on {weekday} that no date had been set for a meeting between the Russian and "
            "Ukrainian leaders, even as mediators in {capital} pressed both sides to narrow their "
            "differences.",
            "Foreign ministers from more than twenty countries met in {capital} on {weekday} to discuss how "
            "security guarantees for Ukraine might work once the fighting stops.",
            "Russia and Ukraine exchanged {n} prisoners of war each on {weekday}, in a swap that both sides "
            "said had been arranged with the help of mediators from the Gulf.",
            "{country} called on its European partners to adopt a tougher sanctions package against Moscow, "
            "setting up a difficult debate at a meeting of ministers in {capital} later this month.",
        ],
        "body": [
            "No date has been set for the next meeting.",
            "The talks ended without a joint statement.",
            "Moscow has not commented on the proposal.",
            "Ukraine's foreign ministry welcomed the decision.",
            "The latest round of contacts comes as envoys prepare for another meeting in {capital}, where "
            "mediators hope to agree on a partial truce covering energy sites and shipping lanes.",
            "Western governments have pledged to keep supplying Ukraine with arms and financial aid, "
            "although officials in Kyiv say deliveries often arrive later than promised.",
            "The Kremlin has said it is open to negotiations but insists that any settlement must reflect "
            "what it calls the new territorial realities on the ground.",
            "European leaders meeting in {capital} discussed a new package of sanctions aimed at the shadow "
            "fleet of ageing tankers that carries Russian crude to buyers in Asia.",
            "Kyiv has rejected any deal that would require it to give up more territory and says it needs "
            "firm security guarantees from its partners before agreeing to a ceasefire.",
            "Diplomats said a prisoner exchange brokered by the United Arab Emirates was still on track, "
            "with lists of names being checked by both sides and by the Red Cross.",
            "The foreign ministry in Moscow summoned the ambassador of {country} on {weekday} to protest "
            "against what it called interference in Russia's internal affairs.",
            "{west_official} said on {weekday} that the allies would discuss additional air defence "
            "deliveries at a meeting of defence ministers in {capital} later this month.",
            "Officials familiar with the talks said the two delegations had spent most of the first day "
            "arguing about the agenda rather than the substance of a possible agreement.",
            "A senior European diplomat said progress would be slow because neither side believed that time "
            "was working against it, and both were preparing for a long campaign.",
            "The host government offered to organise a follow-up meeting at the level of foreign ministers "
            "if the working groups manage to agree on a joint text.",
            "\"We are ready to continue the dialogue, but only on the basis of respect for our legitimate "
            "interests,\" {ru_official} told reporters after the session.",
            "\"Nobody in this room believes that peace can be reached by rewarding the side that started the "
            "war,\" {ua_official} said at a news conference in {capital}.",
            "Turkey, which hosted earlier rounds of negotiations, has offered to act as a guarantor of any "
            "agreement on the safe passage of merchant ships through the Black Sea.",
            "The families of Ukrainian prisoners of war held a rally in Kyiv on {weekday} to urge the "
            "government to keep the issue at the top of the agenda.",
            "Analysts in {capital} said the shift in tone was notable but cautioned that similar signals in "
            "the past had not led to concrete steps.",
            "The United States has pressed both sides to accept a ceasefire along the current line of "
            "contact, leaving questions of sovereignty to be settled at a later stage.",
            "China, which has kept close economic ties with Moscow, said it supported any effort that could "
            "lead to a peaceful settlement and called for restraint.",
            "A joint statement is expected to be published at the end of the meeting, although diplomats "
            "warned that disagreements over the wording could delay it by several days.",
            "Moscow wants the lifting of some sanctions to be part of any deal, a demand European "
            "governments have so far refused to consider while fighting continues.",
        ],
    },
    "economy": {
        "headlines": [
            "Russian fuel prices climb as the government extends its petrol export ban",
            "Central bank in Moscow holds its key rate at {pct} percent",
            "Ukraine's grain exports recover through the Black Sea corridor",
            "Budget strain grows in Russia as oil revenues fall short",
            "Ukraine secures {bn} billion euros in new loans from its partners",
        ],
        "leads": [
            "Wholesale petrol prices in Russia rose for a {ordinal} consecutive week, prompting the "
            "government in Moscow on {weekday} to extend a ban on gasoline exports until the end of {month}.",
            "Russia's central bank kept its key interest rate at {pct} percent on {weekday}, saying "
            "inflation was still well above its goal and demand in the economy remained strong.",
            "Ukrainian grain shipments through the Black Sea rose to their highest level in months in "
            "{month}, the agriculture ministry said, as more ships returned to ports near {ua_town}.",
            "Russia's federal budget deficit widened in the first months of the year as oil and gas revenues "
            "fell short of forecasts, finance ministry figures published on {weekday} showed.",
            "Ukraine has secured a further {bn} billion euros in loans from its international partners, the "
            "finance ministry in Kyiv said on {weekday}, easing pressure on next year's budget.",
        ],
        "body": [
            "The rouble weakened slightly on the news.",
            "Prices rose by {pct} percent over the year.",
            "Exports fell for a third straight month.",
            "The central bank will meet again in {month}.",
            "Wholesale petrol prices on the exchange in St Petersburg reached a record this month, prompting "
            "the government to extend a ban on exports of gasoline by producers.",
            "Analysts estimate that outages at Russian refineries have at times taken more than a tenth of "
            "the country's processing capacity offline for weeks.",
            "Oil and gas revenues still account for roughly a quarter of Russia's federal budget, even after "
            "several rounds of Western sanctions on its exports.",
            "The hryvnia was little changed against the dollar on {weekday}, and the central bank in Kyiv "
            "said it had enough reserves to smooth out any sudden swings.",
            "Ukraine's grid operator said it would need to import about {pct} percent more electricity from "
            "the European Union next month to cover the shortfall at home.",
            "Insurance premiums for ships calling at Black Sea ports have climbed sharply, adding to the "
            "cost of moving grain, steel and sunflower oil out of the region.",
            "Fuel retailers in the {region} reported queues at filling stations, and some outlets limited "
            "purchases to {k}0 litres per customer.",
            "Annual inflation in Russia slowed slightly to {pct} percent in {month}, according to the state "
            "statistics service, but food prices continued to rise quickly.",
            "Economists polled by a Moscow business daily expect growth to slow to around one percent this "
            "year as the labour shortage and high borrowing costs take their toll.",
            "Russian companies have complained that high borrowing costs make new investment almost "
            "impossible, and several large steelmakers have cut their production plans.",
            "Ukraine's economy ministry said industrial output had grown modestly over the year, led by food "
            "processing, construction materials and the domestic arms industry.",
            "The European Commission said it would propose using the profits from frozen Russian central "
            "bank assets to finance Ukraine's reconstruction and defence needs.",
            "Grain traders in {ua_town} said prices offered to farmers remained low because of high "
            "transport costs and strong competition from other exporters.",
            "\"The budget can cope with lower prices for a while, but not indefinitely,\" said an economist "
            "at a Moscow research institute, who asked not to be named.",
            "\"Our exporters have shown that they can keep working in extraordinary conditions,\" the head "
            "of Ukraine's business association told a conference in {capital}.",
            "India and China remain the largest buyers of Russian crude, which is sold at a discount to the "
            "international benchmark because of the price cap imposed by Western countries.",
            "The Russian finance ministry plans to raise several taxes next year, including the levy on "
            "corporate profits, to pay for higher defence spending.",
            "Ukrainian farmers near {ua_town} said the harvest had been delayed by the cold spring, but that "
            "yields of wheat and maize were better than they had feared.",
            "Car sales in Russia fell by {pct} percent in {month} compared with a year earlier, an industry "
            "group said, as dealers struggled with expensive credit.",
            "The World Bank estimates that rebuilding Ukraine will cost several hundred billion dollars over "
            "the next decade, a figure that grows with each month of war.",
        ],
    },
    "politics": {
        "headlines": [
            "Ukraine's parliament extends martial law for another ninety days",
            "Court in {ru_town} jails a former deputy governor for {k} years",
            "Mobilisation debate divides lawmakers in Kyiv",
            "New governor appointed in the {region} after predecessor's resignation",
            "Ukrainian anti-corruption agency charges officials over defence contracts",
        ],
        "leads": [
            "Ukraine's parliament voted on {weekday} to extend martial law and general mobilisation for "
            "another ninety days, the {ordinal} such extension since the full-scale invasion began.",
            "A court in {ru_town} sentenced a former deputy governor of the {region} to {k} years in a penal "
            "colony for embezzling money set aside for road repairs, prosecutors said on {weekday}.",
            "Ukrainian lawmakers debated a bill on {weekday} that would change the rules for calling up "
            "reservists, exposing deep divisions over how to share the burden of the war.",
            "The Kremlin appointed a new acting governor of the {region} on {weekday}, days after his "
            "predecessor resigned citing a move to another post in Moscow.",
            "Ukraine's anti-corruption bureau said on {weekday} it had charged {k} officials over inflated "
            "contracts for food and clothing supplied to the armed forces.",
        ],
        "body": [
            "The bill now goes to a second reading.",
            "The ruling party holds a majority in the chamber.",
            "The measure passed by a wide margin.",
            "The case will be heard again in {month}.",
            "Lawmakers debated a bill on mobilisation that would lower the call-up age and tighten penalties "
            "for men who fail to update their military registration.",
            "The governor of the {region} promised to rebuild the regional hospital by September and said "
            "the money had already been allocated in the budget.",
            "Investigators said the suspects had used a network of shell companies to move the money abroad, "
            "and several properties had been seized as part of the case.",
            "The opposition said the government was moving too slowly on reforms demanded by the European "
            "Union as a condition for opening the next stage of accession talks.",
            "Under martial law, elections cannot be held in Ukraine, and the president's term has been "
            "extended until conditions allow a vote to take place.",
            "The Russian authorities have prosecuted dozens of senior officials on corruption charges over "
            "the past two years, many of them from the defence ministry.",
            "Human rights groups said the trial had been held behind closed doors and that the defence "
            "lawyers had not been allowed to see all of the evidence.",
            "\"The law must apply to everyone, especially to those who profit while others serve,\" the head "
            "of the parliamentary committee told reporters on {weekday}.",
            "\"The region needs stability and investment, and that is what I will concentrate on,\" the new "
            "governor told local television after his appointment.",
            "A poll published this week found that most Ukrainians support stricter rules for officials who "
            "travel abroad while the country is at war.",
            "The case is the latest in a series of prosecutions that critics say are used to settle scores "
            "within the Russian elite rather than to root out corruption.",
            "The speaker of parliament said the vote on the mobilisation bill would be postponed until the "
            "committee had reviewed more than a thousand proposed amendments.",
            "Municipal elections in several Russian regions are scheduled for September, and the ruling "
            "party is expected to win comfortably in all of them.",
            "Residents of {ru_town} complained about interruptions to the water supply in the old district, "
            "and the city council promised to replace the worn pipes this summer.",
            "The president's office said the reshuffle was intended to make the government more effective "
            "and to bring in people with experience of managing large projects.",
            "Veterans' organisations have called for faster processing of disability payments, saying that "
            "many former soldiers wait for months before receiving support.",
            "The defence ministry in Kyiv said it had moved most procurement onto an electronic platform to "
            "make prices visible and reduce the room for abuse.",
            "The former official, who denies the charges, plans to appeal against the verdict, his lawyer "
            "told a state news agency after the hearing.",
            "Opposition deputies walked out of the session in protest, saying the bill had been rushed "
            "through without proper consultation with the public.",
            "Local councils in the {ua_region} have been asked to draw up lists of buildings that could be "
            "used to house families evacuated from the front-line districts.",
        ],
    },
    "society": {
        "headlines": [
            "Festival in {ua_town} draws thousands despite the curfew",
            "Underground classrooms open in {ua_town} as the school year begins",
            "Rail link between {ua_town} and {ua_town2} restored after repairs",
            "Volunteers in {ua_town} keep rehabilitation centres running",
            "Theatre in {ru_town} marks its centenary with a new season",
        ],
        "leads": [
            "A music festival in {ua_town} drew thousands of visitors over the weekend, organisers said, "
            "with concerts ending early so that guests could get home before the curfew.",
            "Pupils in {ua_town} began the school year on {weekday} in classrooms built underground, where "
            "lessons can continue even when the sirens sound.",
            "Passenger trains between {ua_town} and {ua_town2} resumed on {weekday} after weeks of repairs "
            "to the line, the state railway company said.",
            "A group of volunteers in {ua_town} has raised enough money to equip {k} rehabilitation centres "
            "for wounded soldiers, its founders said on {weekday}.",
            "The drama theatre in {ru_town} opened its hundredth season on {weekday} with a production of a "
            "classic comedy, playing to a full house.",
        ],
        "body": [
            "Tickets sold out within a day.",
            "The next concert is planned for {month}.",
            "The project was paid for by private donors.",
            "Most of the volunteers are students.",
            "Rail operators said passenger traffic between {ua_town} and {ua_town2} had recovered to pre-war "
            "levels on some routes, helped by extra night trains.",
            "The festival drew thousands of visitors despite the curfew, and organisers said part of the "
            "ticket money would go to a fund for injured musicians.",
            "Teachers said attendance was high in the first week, although many pupils still join lessons "
            "online from abroad or from villages outside the city.",
            "The city council said the underground school had cost about {n} million hryvnias and was paid "
            "for partly by the regional budget and partly by foreign donors.",
            "Volunteers said demand for prosthetic limbs and physiotherapy had grown steadily, and waiting "
            "lists at state clinics had become months long.",
            "\"We wanted to give people one evening when they could think about something other than the "
            "news,\" said one of the organisers, a local sound engineer.",
            "\"Children need to see each other, not just a screen, and this is the only way we can do that "
            "safely,\" the school's headteacher told reporters.",
            "Museums in {ua_town} have moved most of their collections into storage, but some have reopened "
            "small exhibitions of works that can be quickly packed away.",
            "The number of marriages registered in Ukraine rose this year, according to the justice "
            "ministry, as couples decided not to postpone their plans any longer.",
            "Hundreds of residents of {ru_town} signed a petition asking the authorities to keep a city park "
            "from being turned into a car park for a new shopping centre.",
            "A charity in {ua_town} runs free summer camps for children from front-line districts, offering "
            "sport, art classes and sessions with psychologists.",
            "The railway company said it had added carriages for people with limited mobility and introduced "
            "special compartments for families travelling with pets.",
            "Local historians in {ua_town} have started recording interviews with elderly residents about "
            "their lives, fearing that those memories could otherwise be lost.",
            "The theatre's director said ticket sales had grown because people were looking for places to "
            "meet and talk, and evening performances had been moved earlier.",
            "Sports clubs in {ua_town} have resumed youth competitions, with matches paused and players sent "
            "to shelters whenever an alert is announced.",
            "A shortage of doctors in rural areas has worsened since the war began, and several district "
            "hospitals now rely on visiting specialists from the regional centre.",
            "Organisers of the book fair said publishers had printed more titles in Ukrainian this year than "
            "at any time since independence.",
            "Shelters in the city centre have been fitted with benches, heaters and internet access, and "
            "some host lectures and film screenings in the evenings.",
            "Residents of {ua_town} said the curfew and the frequent alerts had changed the rhythm of life, "
            "with cafes opening early and closing before dark.",
            "The mayor of {ua_town} said the city had taken in more than {n} thousand displaced people and "
            "needed help from the government to find them permanent homes.",
        ],
    },
}
NEWS_WHEN = ["overnight", "on {weekday}", "late on {weekday}", "early on {weekday}", "on {weekday} night",
             "in the early hours of {weekday}", "shortly before dawn on {weekday}"]
NEWS_COUNTRIES = ["Germany", "France", "Poland", "Finland", "Britain", "Italy", "Japan", "Canada",
                  "the Netherlands", "Sweden", "Lithuania", "Estonia", "Denmark", "Norway"]
NEWS_UA_OFFICIALS = ["Ukraine's president", "Ukraine's foreign minister", "Ukraine's prime minister",
                     "the head of the presidential office", "Ukraine's defence minister",
                     "a senior Ukrainian diplomat"]
NEWS_RU_OFFICIALS = ["the Kremlin's spokesman", "Russia's deputy foreign minister",
                     "a spokeswoman for the Russian foreign ministry", "the speaker of the State Duma",
                     "a senior Russian negotiator", "a Kremlin aide"]
NEWS_WEST_OFFICIALS = ["Germany's defence minister", "NATO's secretary general", "France's foreign minister",
                       "the British foreign secretary", "a senior State Department official",
                       "the European Commission's president"]
NEWS_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
NEWS_ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]


def _news_places(places: dict[str, list[str]]) -> dict[str, list[str]]:
    """The dense style's place lists without blank names (Donbas has no centre), plus
    Ukrainian oblasts and Russian refineries."""
    regions = _tsv("regions.tsv")
    facilities = _tsv("facilities.tsv")
    return {
        **{kind: [name for name in names if name] for kind, names in places.items()},
        "ua_region": [r["name"] for r in regions if r["country"] == "UA" and r["kind"] == "oblast"],
        "refinery": [f["name"] for f in facilities
                     if f["country"] == "RU" and f["target_type"] == "refinery"],
    }


def _fill_news(pattern: str, rng: random.Random, places: dict[str, list[str]]) -> str:
    """Fill a news-style pattern and capitalise its first letter (a slot may open it)."""
    weekday = rng.choice(WEEKDAYS)
    text = pattern.format(
        facility=rng.choice(places["facility"]), refinery=rng.choice(places["refinery"]),
        region=rng.choice(places["region"]), region2=rng.choice(places["region"]),
        ru_town=rng.choice(places["ru_town"]), ru_town2=rng.choice(places["ru_town"]),
        ua_town=rng.choice(places["ua_town"]), ua_town2=rng.choice(places["ua_town"]),
        ua_region=rng.choice(places["ua_region"]),
        capital=rng.choice(CAPITALS), country=rng.choice(NEWS_COUNTRIES), weekday=weekday,
        when=rng.choice(NEWS_WHEN).format(weekday=weekday), month=rng.choice(NEWS_MONTHS),
        ordinal=rng.choice(NEWS_ORDINALS), ua_official=rng.choice(NEWS_UA_OFFICIALS),
        ru_official=rng.choice(NEWS_RU_OFFICIALS), west_official=rng.choice(NEWS_WEST_OFFICIALS),
        n=rng.randint(2, 60), m=rng.randint(1, 20), k=rng.randint(2, 9), pct=rng.randint(3, 21),
        bn=f"{rng.randint(12, 450) / 10:.1f}", hours=rng.randint(3, 14),
    )
    return text[0].upper() + text[1:]


def _take(rng: random.Random, places: dict[str, list[str]], pool: list[str], count: int) -> list[str]:
    """``count`` different patterns from ``pool``, filled."""
    return [_fill_news(p, rng, places) for p in rng.sample(pool, count)]


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    """Group a section's sentences into paragraphs of one to three sentences."""
    out = []
    i = 0
    while i < len(sentences):
        size = rng.randint(1, 3)
        out.append(" ".join(sentences[i:i + size]))
        i += size
    return out


def _news_strike_story(rng: random.Random, places: dict[str, list[str]]) -> list[list[str]]:
    """Sections of a strike report (headline first): 20 to 40 sentences, about 27% with a strike cue."""
    side = NEWS_STRIKE[rng.choice(["russia", "ukraine"])]
    total = rng.randint(20, 40)
    cues = max(4, round(total * rng.uniform(0.22, 0.32)))
    # The cue sentences: headline, lead, background, perhaps a quote, and details.
    cue_quotes = rng.randint(0, 1)
    background = 1 + (cues >= 9)
    details = cues - 2 - background - cue_quotes

    def take(pool: list[str], count: int) -> list[str]:
        return _take(rng, places, pool, count)

    def plain(kind: str, count: int) -> list[str]:
        return take(side[kind] + NEWS_SHARED[kind], count)

    headline = take(side["headlines"], 1)
    lead = take(side["leads"], 1)
    cue_details = take(side["details"], details)
    # The sentences without a cue: 6 to 12 about the event, and the rest (2 to 25)
    # background on diplomacy and the economy.
    aftermath = plain("aftermath", rng.randint(2, 4))
    verify = plain("verify", rng.randint(1, 2))
    quotes = plain("quotes", rng.randint(1, 2))
    reactions = plain("reactions", rng.randint(1, 2))
    context = take(NEWS_CONTEXT, rng.randint(1, 2))
    extra = total - cues - len(aftermath) - len(verify) - len(quotes) - len(reactions) - len(context)
    quotes += take(side["cue_quotes"], cue_quotes)
    rng.shuffle(quotes)
    diplomacy = rng.randint(max(0, extra - 15), min(extra, 15))
    detail = []  # the details after the first, interleaved with the aftermath
    more = cue_details[1:]
    while more or aftermath:
        source = more if more and (not aftermath or rng.random() < 0.5) else aftermath
        detail.append(source.pop(0))
    return [
        headline, lead + cue_details[:1] + verify[:1], detail, quotes, verify[1:] + reactions,
        take(side["background"], background) + context,
        take(NEWS_TOPICS["diplomacy"]["body"], diplomacy),
        take(NEWS_TOPICS["economy"]["body"], extra - diplomacy),
    ]


def _news_other_story(rng: random.Random, places: dict[str, list[str]]) -> list[list[str]]:
    """Sections of a story on diplomacy, the economy, politics or daily life: 16 to 32 sentences."""
    total = rng.randint(16, 32)
    topic, second = rng.sample(sorted(NEWS_TOPICS), 2)
    pools = NEWS_TOPICS[topic]
    context = rng.randint(1, 2)
    body = min(len(pools["body"]), total - 2 - context)
    return [
        _take(rng, places, pools["headlines"], 1), _take(rng, places, pools["leads"], 1),
        _take(rng, places, pools["body"], body), _take(rng, places, NEWS_CONTEXT, context),
        _take(rng, places, NEWS_TOPICS[second]["body"], total - 2 - context - body),
    ]


def news_article(rng: random.Random, places: dict[str, list[str]]) -> str:
    """One article in the news style: a headline line, then paragraphs; about a third report strikes."""
    strike_story = rng.random() < 0.35
    story = _news_strike_story if strike_story else _news_other_story
    (headline,), *sections = story(rng, places)
    paragraphs = [p for section in sections for p in _paragraphs(rng, section)]
    return "\n\n".join([headline, *paragraphs])


STYLES = ("dense", "news", "real")


def write_corpus(path: Path, size_mb: float, seed: int = 7, style: str = "dense") -> int:
    """Write about ``size_mb`` megabytes of JSONL to ``path``; return the number of articles.

    ``style`` is "dense" (short template sentences, the original benchmark corpus),
    "news" (longer articles calibrated to real reporting; see the module docstring) or
    "real" (the sentences of the real development set, as dense in strike sentences as
    its articles; see real_corpus.py).
    """
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {', '.join(STYLES)}")
    if style == "real":  # the development set's own sentences: see real_corpus.py
        from real_corpus import write_real_corpus

        return write_real_corpus(path, size_mb, seed)
    rng = random.Random(seed)
    places = _places()
    if style == "news":
        places = _news_places(places)
    make = news_article if style == "news" else article
    start = dt.date(2025, 1, 1)

    def records() -> Iterator[dict[str, str]]:
        for count in itertools.count():
            published = start + dt.timedelta(days=rng.randint(0, 364))
            yield {"id": f"bench-{count}", "url": f"https://example.org/news/{count}",
                   "published": published.isoformat(), "text": make(rng, places)}

    return write_records(path, size_mb, records())


def write_records(path: Path, size_mb: float, records: Iterator[dict[str, str]]) -> int:
    """Write JSONL records taken from ``records`` until about ``size_mb`` megabytes; return how many."""
    target = int(size_mb * 1_000_000)
    written = count = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            line = json.dumps(next(records), ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("size_mb", type=float)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--style", choices=STYLES, default="dense",
                        help="dense: the original short-sentence corpus; news: calibrated to real reports; "
                             "real: the real development set's sentences")
    args = parser.parse_args()
    n = write_corpus(args.out, args.size_mb, args.seed, style=args.style)
    print(f"wrote {args.out}: {n} articles ({args.style} style), {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

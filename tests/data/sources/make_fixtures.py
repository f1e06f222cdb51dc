"""Write the primary-source fixtures of tests/test_sources.py (run from anywhere; output beside this file).

Every text here is written for the project; channels, outlets and people are fictional, the
places real. Run again after changing a text: the files are committed, the script says how
they were made (encodings and compression cannot be seen in a diff).
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "folder"  # the "done when" folder: one input of each kind

SIGNATURE = [{"type": "plain", "text": "\n\n"}, {"type": "text_link", "text": "Borderland Watch",
                                               "href": "https://t.me/borderland_watch"}]

TELEGRAM = {
    "name": "Borderland Watch",
    "type": "public_channel",
    "id": 1770012345,
    "messages": [
        {"id": 1, "type": "service", "date": "2025-04-01T09:00:00", "date_unixtime": "1743487200",
         "actor": "Borderland Watch", "actor_id": "channel1770012345", "action": "create_channel",
         "title": "Borderland Watch", "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2025-04-03T07:12:44", "date_unixtime": "1743653564",
         "from": "Borderland Watch", "from_id": "channel1770012345",
         "text": ["Ukrainian drones struck the oil refinery in ", {"type": "bold", "text": "Syzran"},
                  " overnight, starting a fire at a processing unit, the regional governor said.",
                  *SIGNATURE],
         "text_entities": []},
        {"id": 3, "type": "message", "date": "2025-04-03T08:30:00", "date_unixtime": "1743658200",
         "from": "Borderland Watch", "from_id": "channel1770012345",
         "photo": "(File not included. Change data exporting settings to download.)",
         "width": 1280, "height": 720, "text": "", "text_entities": []},
        {"id": 4, "type": "message", "date": "2025-04-04T06:05:10", "date_unixtime": "1743735910",
         "from": "Borderland Watch", "from_id": "channel1770012345",
         "forwarded_from": "Sumy Region Watch",
         "text": "Russian drones hit an energy facility in Shostka, Sumy region, overnight, "
                 "cutting power to several thousand homes.",
         "text_entities": [{"type": "plain", "text": "Russian drones hit an energy facility in Shostka, "
                                                     "Sumy region, overnight, cutting power to several "
                                                     "thousand homes."}]},
        {"id": 5, "type": "message", "date": "2025-04-05T05:40:00", "date_unixtime": "1743820800",
         "from": "Borderland Watch", "from_id": "channel1770012345",
         "text": ["Ночью над Брянской областью сбиты три беспилотника, сообщил губернатор.",
                  *SIGNATURE],
         "text_entities": []},
        {"id": 6, "type": "message", "date": "2025-04-05T09:00:00", "date_unixtime": "1743832800",
         "from": "Borderland Watch", "from_id": "channel1770012345",
         "sticker_emoji": "👍", "media_type": "sticker", "text": "", "text_entities": []},
    ],
}

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Dnipro Evening Wire</title>
<link>https://wire.example.org/</link>
<description>News from the Dnipro valley</description>
<item>
<title>Missile strike on Kremenchuk refinery</title>
<link>https://wire.example.org/2025/04/06/kremenchuk</link>
<guid isPermaLink="false">dew-2025-0406-01</guid>
<pubDate>Sun, 06 Apr 2025 00:40:00 +0300</pubDate>
<description><![CDATA[<p>A Russian missile hit the oil refinery in Kremenchuk late on Saturday, the regional
governor said. A fire broke out at the site.</p>]]></description>
</item>
<item>
<title>Weather</title>
<link>https://wire.example.org/2025/04/06/weather</link>
<pubDate>Sun, 06 Apr 2025 08:00:00 +0300</pubDate>
<description>Rain in the evening, 9 degrees.</description>
</item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Black Sea Coast Monitor</title>
<id>urn:example:bscm</id>
<updated>2025-04-07T10:00:00+03:00</updated>
<entry>
<title>Tuapse refinery halts work after drone attack</title>
<id>urn:example:bscm:2025-04-07-tuapse</id>
<link rel="alternate" href="https://monitor.example.org/tuapse-2025-04-07"/>
<published>2025-04-07T06:15:00+03:00</published>
<updated>2025-04-07T09:00:00+03:00</updated>
<summary>Drones hit Tuapse.</summary>
<content type="html">&lt;p&gt;Ukrainian drones struck the Tuapse oil refinery overnight, setting a
fuel tank on fire, the Krasnodar regional authorities said.&lt;/p&gt;&lt;p&gt;Loading at the port terminal
was halted.&lt;/p&gt;</content>
</entry>
</feed>
"""

PAGE_1251 = """<!doctype html>
<html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Волгоград: пожар на НПЗ | Вечерний Поволжский вестник</title>
<meta property="og:title" content="Drones hit Volgograd refinery">
<meta property="article:published_time" content="2025-04-08T09:20:00+03:00">
</head><body>
<a class="skip" href="#content">Перейти к основному содержанию</a>
<div id="cookie-consent">Мы используем файлы cookie. <button>Принять</button></div>
<div class="weather">Волгоград +12°C, облачно</div>
<nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/sport">Спорт</a></nav>
<main id="content"><article>
<h1>Drones hit Volgograd refinery</h1>
<p>Ukrainian drones struck the oil refinery in Volgograd early on Tuesday, starting a fire at one of its
units, the regional governor said.</p>
<p>Губернатор сообщил, что пожар на нефтеперерабатывающем заводе потушен, пострадавших нет.</p>
<div class="advert">Реклама</div>
<p>Residents of the southern Krasnoarmeysky district said they heard several loud explosions before dawn.</p>
<div class="related"><h3>Читайте также</h3><ul><li><a href="/1">Missile strike on Kharkiv</a></li>
<li><a href="/2">Drones downed over Moscow region</a></li></ul></div>
</article></main>
<footer>© 2025 Вечерний Поволжский вестник</footer>
</body></html>
"""

UTF16_TEXT = """Drone attack on Konotop
Russian drones hit an apartment building in Konotop, Sumy region, overnight, wounding two people,
the city's mayor said.
Мэр Конотопа сообщил о двух раненых.
"""

KOI8_TEXT = """Ночью над Тульской областью сбиты пять беспилотников, сообщил губернатор.
"""

# Mostly UTF-8 (the dashes and the Cyrillic name) with one stray Latin-1 byte: 0xe9 for "é".
STRAY = ("Glide bombs on Pavlohrad — one dead\n"
         "Russian glide bombs struck an industrial plant in Pavlohrad, Dnipropetrovsk region, "
         "on Monday, killing one worker, the regional governor said — Павлоград.\n").encode()
STRAY = STRAY.replace(b"one worker", b"one caf\xe9 worker")

CORPUS = [
    {"id": "gz-1", "url": "https://news.example.org/novorossiysk", "published": "2025-04-09",
     "title": "Naval drones attack Novorossiysk port",
     "text": "Ukrainian naval drones attacked the port of Novorossiysk overnight, damaging a pier, "
             "the city's mayor said."},
    {"id": "gz-2", "url": "https://news.example.org/engels", "published": "2025-04-10",
     "title": "Drones target Engels air base",
     "text": "Ukrainian drones struck the Engels air base in the Saratov region overnight, "
             "causing a fire, local residents said."},
]

XZ_TEXT = ("Drones hit Kstovo refinery\n"
           "Ukrainian drones struck the oil refinery in Kstovo, Nizhny Novgorod region, on Friday "
           "night, starting a fire, the regional governor said.\n")


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "telegram").mkdir(exist_ok=True)
    (FOLDER / "telegram" / "result.json").write_text(json.dumps(TELEGRAM, ensure_ascii=False, indent=1),
                                                     encoding="utf-8")
    (FOLDER / "wire.rss").write_text(RSS, encoding="utf-8")
    (FOLDER / "monitor.atom").write_text(ATOM, encoding="utf-8")
    (FOLDER / "volgograd_page.html").write_bytes(PAGE_1251.encode("cp1251"))
    (FOLDER / "konotop_utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    (FOLDER / "pavlohrad_stray_byte.txt").write_bytes(STRAY)
    with gzip.GzipFile(FOLDER / "corpus.jsonl.gz", "wb", mtime=0) as handle:
        handle.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in CORPUS).encode("utf-8"))
    (FOLDER / "kstovo.txt.xz").write_bytes(lzma.compress(XZ_TEXT.encode("utf-8")))
    (HERE / "tula_koi8r.txt").write_bytes(KOI8_TEXT.encode("koi8-r"))
    (HERE / "tula_koi8r.txt.bz2").write_bytes(bz2.compress(KOI8_TEXT.encode("koi8-r")))
    whole = gzip.compress(b'{"text": "Drones hit Kursk."}\n' * 50, mtime=0)
    (HERE / "broken.jsonl.gz").write_bytes(whole[:60])


if __name__ == "__main__":
    main()

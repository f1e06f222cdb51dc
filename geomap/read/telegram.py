"""Telegram Desktop exports: the ``result.json`` of a channel or chat export (machine-readable JSON).

Each message with text is a Document:

- ``text``: the message's ``text``, a string or a list of plain strings and entities
  (``{"type": "bold", "text": ...}``, links, mentions, hashtags), flattened to their text;
- ``published``: the date part of its ``date`` (the exporting computer's clock, as Telegram
  writes it);
- ``title``: the channel's (chat's) name, with ``— forwarded from <origin>`` for a forwarded
  message, so where a relayed post came from stays with it;
- ``source``: ``https://t.me/<channel>/<id>`` when the channel's username is known, else
  ``<channel name>, Telegram message <id>`` (``, forwarded from <origin>`` added for a forwarded
  one, as the outputs carry no title); ``doc_id``: ``<username or chat id>/<id>``, the same
  in two overlapping exports of one channel, so a message read twice counts once.

Telegram does not write the username into an export. It is taken from a ``username`` field when a
tool added one, else from the channel's own signature: a ``t.me/<name>`` link that at least half
of the channel's own (not forwarded) text messages carry, as public channels sign their posts.

Service messages (pins, joins) and media without a caption have no text: they are skipped and
counted in one warning per chat. A whole-account export (``{"chats": {"list": [...]}}``) is read
chat by chat. The file is parsed whole (at most :data:`MAX_EXPORT_BYTES`), which holds years of
a busy channel.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from geomap.model import Document, ReadProblem

from .common import Item, bad_date_reason, iso_date_part
from .compression import READ_ERRORS, open_input, read_capped
from .encoding import NotText, decode

#: The largest export read (parsed whole).
MAX_EXPORT_BYTES = 1024 * 1024 * 1024

_T_ME = re.compile(r"(?:https?://)?(?:t\.me|telegram\.me)/(?!joinchat|c/|s/|\+)([A-Za-z][A-Za-z0-9_]{3,31})\b")


class NotTelegram(ValueError):
    """A JSON file that is not a Telegram export."""


def looks_like_export(path: str) -> bool:
    """Whether a JSON file opens like a Telegram export (its first 64 KiB name ``messages`` or ``chats``).

    A chat export writes ``name``, ``type``, ``id`` and then ``messages``; an account export has
    ``personal_information`` or ``chats`` near its start. Cheap, so a folder of other JSON files
    is not parsed whole. A file that cannot be opened "looks like" one: reading it says why not.
    """
    try:
        with open_input(path) as handle:
            head = handle.read(65536)
    except READ_ERRORS:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    return any(key in head for key in (b'"messages"', b'"chats"', b'"personal_information"'))


def load_export(path: str) -> object | ReadProblem:
    """The parsed JSON of ``path`` (perhaps compressed), or the problem that stops it."""
    data = read_capped(path, MAX_EXPORT_BYTES, "a Telegram export")
    if isinstance(data, ReadProblem):
        return data
    if not data.strip():
        return ReadProblem(path, "empty file")
    try:
        text = decode(data).text
    except NotText as exc:
        return ReadProblem(path, str(exc))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadProblem(path, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
    except (ValueError, RecursionError):
        return ReadProblem(path, "not valid JSON (nested too deeply or malformed)")


def chats_of(export: object) -> list[dict]:
    """The chats of a parsed export (one for a chat export, all for an account export).

    Raises :class:`NotTelegram` when the JSON has neither shape.
    """
    if isinstance(export, dict):
        if isinstance(export.get("messages"), list):
            return [export]
        chats = export.get("chats")
        if isinstance(chats, dict) and isinstance(chats.get("list"), list):
            return [chat for chat in chats["list"] if isinstance(chat, dict)
                    and isinstance(chat.get("messages"), list)]
    raise NotTelegram("not a Telegram Desktop export (no 'messages' list)")


def read_telegram(path: str, export: object) -> Iterator[Item]:
    """Documents for the text messages of a parsed Telegram export, and one count of those skipped."""
    for chat in chats_of(export):
        yield from _read_chat(path, chat)


def _read_chat(path: str, chat: dict) -> Iterator[Item]:
    name = chat.get("name") if isinstance(chat.get("name"), str) and chat.get("name") else "Telegram chat"
    chat_id = chat.get("id")
    username = _username(chat)
    skipped = 0
    bad_dates = 0
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            skipped += 1
            continue
        text = flatten(message.get("text"))
        if not text.strip():
            text = flatten(message.get("text_entities"))
        msg_id = message.get("id")
        if not text.strip() or not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
            skipped += 1
            continue
        raw_date = message.get("date")
        published = iso_date_part(raw_date) if isinstance(raw_date, str) else None
        if raw_date not in (None, "") and published is None:
            bad_dates += 1
            if bad_dates == 1:
                yield ReadProblem(path, f"message {msg_id}: {bad_date_reason(raw_date)}", warning=True)
        forwarded = ""
        origin = message.get("forwarded_from")
        if isinstance(origin, str) and origin.strip():
            forwarded = f"forwarded from {' '.join(origin.split())}"
        elif "forwarded_from" in message:  # forwarded from a hidden account: still not the channel's own
            forwarded = "forwarded"
        title = f"{name} — {forwarded}" if forwarded else name
        if username:  # the post's page on t.me itself shows whom it was forwarded from
            source = f"https://t.me/{username}/{msg_id}"
        else:
            source = f"{name}, Telegram message {msg_id}" + (f", {forwarded}" if forwarded else "")
        doc_id = f"{username or chat_id or Path(path).name}/{msg_id}"
        yield Document(doc_id=doc_id, text=text.replace("\r\n", "\n"), source=source, title=title,
                       published=published)
    if skipped:
        plural = "message" if skipped == 1 else "messages"
        yield ReadProblem(path, f"{name}: {skipped} {plural} without text skipped (service messages, "
                                "media without a caption)", warning=True)


def flatten(value: object) -> str:
    """The text of a message's ``text``: a string, or a list of strings and ``{"text": ...}`` entities."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for piece in value:
            if isinstance(piece, str):
                parts.append(piece)
            elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
                parts.append(piece["text"])
        return "".join(parts)
    return ""


def _username(chat: dict) -> str | None:
    """The chat's public username: a ``username`` field, else the ``t.me`` link its posts are signed with."""
    given = chat.get("username")
    if isinstance(given, str) and given.strip():
        return given.strip().lstrip("@")
    own = 0
    signed: Counter[str] = Counter()
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message" \
                or "forwarded_from" in message:
            continue
        links = set()
        for piece in message.get("text") if isinstance(message.get("text"), list) else []:
            if isinstance(piece, dict):
                for value in (piece.get("href"), piece.get("text")):
                    if isinstance(value, str):
                        links.update(m.lower() for m in _T_ME.findall(value))
        text = flatten(message.get("text"))
        if not text.strip():
            continue
        links.update(m.lower() for m in _T_ME.findall(text))
        own += 1
        signed.update(links)
    if not signed:
        return None
    best, count = signed.most_common(1)[0]
    return best if count * 2 >= own and count >= 2 else None


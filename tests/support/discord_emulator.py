"""A local Discord for tests: REST API + gateway on aiohttp, driven by a real discord.py bot.

A real :class:`discord.ext.commands.Bot` runs against this emulator unmodified except for two
patched class attributes (see :meth:`DiscordEmulator.patch_discord`)::

    discord.http.Route.BASE = emu.api_base                      # http://127.0.0.1:PORT/api/v10
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(emu.gateway_url)

Tests then play the part of Discord users (:meth:`DiscordEmulator.slash`, :meth:`click`,
:meth:`submit_modal`, :meth:`send_dm` ...) and assert on what the bot did (``ix.messages``,
``emu.channel_messages(...)``, ``emu.requests``). The emulator enforces the Discord rules that
real Discord would enforce (content and embed limits, the 3-second acknowledgement window,
closed DMs, double acknowledgements ...) and answers with Discord's real error shapes, so a
bot that passes here is not rejected by Discord for those reasons.

Traps worth knowing (all handled here):

* discord.py parses a response body as JSON only when ``Content-Type`` is exactly
  ``application/json``. ``web.json_response`` *and* ``web.Response(text=..., content_type=...)``
  both append ``; charset=utf-8`` in this aiohttp version, so responses are built from bytes.
* discord.py treats a 429 without a ``Via`` header as a Cloudflare ban and raises instead of
  retrying, so injected 429s carry ``Via: 1.1 google`` like Discord's.
* discord.py retries 500/502/504 itself after ``1 + 2 * attempt`` seconds (up to 5 tries).

Everything runs on the test's event loop; nothing here sleeps for synchronisation except
:meth:`DiscordEmulator.wait_for`, which polls every 10 ms.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import hashlib
import json
import logging
import math
import mimetypes
import re
import secrets
import socket
import time
import urllib.parse
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import yarl
from aiohttp import WSMsgType, web

__all__ = [
    "DiscordEmulator",
    "EmulatorError",
    "FakeAttachment",
    "FakeChannel",
    "FakeGuild",
    "FakeInteraction",
    "FakeMember",
    "FakeMessage",
    "FakeRole",
    "FakeUser",
    "FaultRule",
    "Intent",
    "MessageFlag",
    "Perm",
    "RecordedRequest",
]

log = logging.getLogger("tests.discord_emulator")

API_VERSION = 10
DISCORD_EPOCH_MS = 1420070400000
JSON_CT = "application/json"


# --------------------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------------------


class Intent:
    """Gateway intent bits (the ones the emulator looks at)."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    DIRECT_MESSAGES = 1 << 12
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


class Perm:
    """Permission bits (the ones the emulator looks at)."""

    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 53) - 1
    DEFAULT_EVERYONE = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | ADD_REACTIONS
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )
    DEFAULT_BOT = DEFAULT_EVERYONE


class MessageFlag:
    """Message flag bits."""

    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    VOICE_MESSAGE = 1 << 13
    IS_COMPONENTS_V2 = 1 << 15


class InteractionType:
    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType:
    PONG = 1
    CHANNEL_MESSAGE = 4
    DEFERRED_CHANNEL_MESSAGE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    AUTOCOMPLETE_RESULT = 8
    MODAL = 9


# Discord's JSON error codes used here.
ERR_UNKNOWN_CHANNEL = 10003
ERR_UNKNOWN_GUILD = 10004
ERR_UNKNOWN_MEMBER = 10007
ERR_UNKNOWN_MESSAGE = 10008
ERR_UNKNOWN_USER = 10013
ERR_UNKNOWN_WEBHOOK = 10015
ERR_UNKNOWN_APPLICATION = 10002
ERR_UNKNOWN_COMMAND = 10063
ERR_UNKNOWN_INTERACTION = 10062
ERR_ALREADY_ACKNOWLEDGED = 40060
ERR_MISSING_ACCESS = 50001
ERR_CANNOT_EDIT_OTHERS = 50005
ERR_EMPTY_MESSAGE = 50006
ERR_CANNOT_DM = 50007
ERR_MISSING_PERMISSIONS = 50013
ERR_INVALID_RECIPIENT = 50033
ERR_INVALID_FORM_BODY = 50035
ERR_INVALID_JSON = 50109
ERR_ENTITY_TOO_LARGE = 40005
ERR_INVALID_WEBHOOK_TOKEN = 50027

INTERACTION_TOKEN_ROUTES = ("/interactions/", "/webhooks/")


class EmulatorError(Exception):
    """The test used the emulator in a way real Discord (or its client) would not allow."""


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


class _Snowflakes:
    """Monotonic, realistic snowflakes (timestamp in the top bits) unique per emulator."""

    def __init__(self) -> None:
        self._last = 0

    def __call__(self) -> int:
        candidate = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(candidate, self._last + 1)
        return self._last


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _json_body(obj: Any) -> bytes:
    return json.dumps(obj, separators=(",", ":")).encode()


def _json_response(obj: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json`` (see module docs)."""
    return web.Response(body=_json_body(obj), status=status, content_type=JSON_CT, headers=headers)


def _as_id(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    got = getattr(value, "id", None)
    if isinstance(got, int):
        return got
    raise EmulatorError(f"expected an object with an id or a snowflake, got {value!r}")


_DEFAULT_WAVEFORM = base64.b64encode(bytes((i * 37) % 256 for i in range(64))).decode()


# --------------------------------------------------------------------------------------
# Model objects
# --------------------------------------------------------------------------------------


@dataclass(eq=False)
class FakeAttachment:
    """A file, both as tests hand it in (filename + bytes) and as stored by the emulator.

    ``id`` and ``url`` are assigned when the emulator stores the attachment; the bytes are
    served at ``url`` so ``await discord.Attachment.read()`` works. Voice messages carry
    ``duration_secs`` and ``waveform`` (base64).
    """

    filename: str
    content: bytes = b""
    content_type: str | None = None
    description: str | None = None
    duration_secs: float | None = None
    waveform: str | None = None
    id: int | None = None
    url: str | None = None
    ephemeral: bool = False

    def __post_init__(self) -> None:
        if self.content_type is None:
            self.content_type = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"

    @property
    def size(self) -> int:
        return len(self.content)

    def payload(self) -> dict[str, Any]:
        """Discord's attachment object."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "filename": self.filename,
            "size": self.size,
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }
        if self.description is not None:
            data["description"] = self.description
        if self.ephemeral:
            data["ephemeral"] = True
        if self.duration_secs is not None:
            data["duration_secs"] = self.duration_secs
            data["waveform"] = self.waveform or _DEFAULT_WAVEFORM
        return data


@dataclass(eq=False)
class FakeUser:
    """A Discord user (students, advisors, the bot itself)."""

    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    dms_closed: bool = False
    locale: str = "en-US"
    dm_channel_id: int | None = None

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass(eq=False)
class FakeRole:
    """A guild role."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 1
    managed: bool = False
    color: int = 0

    @property
    def mention(self) -> str:
        return f"<@&{self.id}>"

    def payload(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": self.color,
            "colors": {
                "primary_color": self.color,
                "secondary_color": None,
                "tertiary_color": None,
            },
            "hoist": False,
            "managed": self.managed,
            "mentionable": False,
            "icon": None,
            "unicode_emoji": None,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeChannel:
    """A guild text channel (type 0) or a DM channel with the bot (type 1)."""

    id: int
    name: str
    type: int = 0
    guild_id: int | None = None
    recipient: FakeUser | None = None
    position: int = 0
    topic: str | None = None
    bot_can_send: bool = True

    @property
    def is_dm(self) -> bool:
        return self.type == 1

    @property
    def mention(self) -> str:
        return f"<#{self.id}>"

    def payload(self) -> dict[str, Any]:
        if self.is_dm:
            assert self.recipient is not None
            return {
                "id": str(self.id),
                "type": 1,
                "recipients": [self.recipient.payload()],
                "last_message_id": None,
                "flags": 0,
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "topic": self.topic,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }


@dataclass(eq=False)
class FakeMember:
    """A user's membership of a guild."""

    user: FakeUser
    role_ids: list[int] = field(default_factory=list)
    joined_at: datetime = field(default_factory=_now)
    nick: str | None = None

    def payload(self, *, permissions: int | None = None, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [str(r) for r in self.role_ids],
            "joined_at": _iso(self.joined_at),
            "flags": 0,
            "deaf": False,
            "mute": False,
            "pending": False,
            "nick": self.nick,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        if permissions is not None:
            data["permissions"] = str(permissions)
        return data


@dataclass(eq=False)
class FakeGuild:
    """A guild (server) with its roles, channels and members."""

    id: int
    name: str
    owner_id: int
    roles: list[FakeRole] = field(default_factory=list)
    channels: list[FakeChannel] = field(default_factory=list)
    members: dict[int, FakeMember] = field(default_factory=dict)
    bans: set[int] = field(default_factory=set)
    locale: str = "en-US"
    joined_at: datetime = field(default_factory=_now)

    @property
    def everyone_role(self) -> FakeRole:
        return self.roles[0]

    @property
    def general(self) -> FakeChannel:
        """The default text channel ("general")."""
        return self.channels[0]

    def role(self, name: str) -> FakeRole:
        for role in self.roles:
            if role.name == name:
                return role
        raise EmulatorError(f"guild {self.name!r} has no role {name!r}: {[r.name for r in self.roles]}")

    def channel(self, name: str) -> FakeChannel:
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise EmulatorError(f"guild {self.name!r} has no channel {name!r}: {[c.name for c in self.channels]}")

    def member(self, user: Any) -> FakeMember:
        user_id = _as_id(user)
        try:
            return self.members[user_id]
        except KeyError:
            raise EmulatorError(f"user {user_id} is not a member of guild {self.name!r}") from None


@dataclass(eq=False)
class FakeMessage:
    """A message as the emulator stores it, with every later edit applied.

    ``history`` keeps a snapshot (``payload()``) of every earlier version.
    """

    id: int
    channel_id: int
    author: FakeUser
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[FakeAttachment] = field(default_factory=list)
    flags: int = 0
    allowed_mentions: dict[str, Any] | None = None
    guild_id: int | None = None
    interaction_id: int | None = None
    interaction_user: FakeUser | None = None
    interaction_type: int | None = None
    application_id: int | None = None
    webhook_id: int | None = None
    message_type: int = 0
    tts: bool = False
    message_reference: dict[str, Any] | None = None
    created_at: datetime = field(default_factory=_now)
    edited_at: datetime | None = None
    deleted: bool = False
    history: list[dict[str, Any]] = field(default_factory=list)
    reactions: list[str] = field(default_factory=list)

    # -- convenience for assertions ----------------------------------------------------

    @property
    def author_id(self) -> int:
        return self.author.id

    @property
    def interaction_user_id(self) -> int | None:
        return self.interaction_user.id if self.interaction_user is not None else None

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MessageFlag.EPHEMERAL)

    @property
    def loading(self) -> bool:
        """True while this is a deferred ("thinking...") placeholder."""
        return bool(self.flags & MessageFlag.LOADING)

    @property
    def is_voice_message(self) -> bool:
        return bool(self.flags & MessageFlag.VOICE_MESSAGE)

    @property
    def pings_everyone(self) -> bool:
        """Whether Discord would ping @everyone/@here for this message.

        Discord parses every mention when ``allowed_mentions`` is absent; otherwise only if
        ``"everyone"`` is in ``allowed_mentions.parse``. (Channel type and the bot's
        MENTION_EVERYONE permission are deliberately ignored: the answer is conservative.)
        """
        if "@everyone" not in self.content and "@here" not in self.content:
            return False
        if self.allowed_mentions is None:
            return True
        return "everyone" in (self.allowed_mentions.get("parse") or [])

    def iter_components(self) -> Iterator[dict[str, Any]]:
        """Every component, depth first (rows, sections, containers and their children)."""
        stack = list(self.components)
        while stack:
            comp = stack.pop(0)
            yield comp
            children = list(comp.get("components") or [])
            if comp.get("accessory"):
                children.append(comp["accessory"])
            if comp.get("component"):
                children.append(comp["component"])
            stack[0:0] = children

    @property
    def buttons(self) -> list[dict[str, Any]]:
        return [c for c in self.iter_components() if c.get("type") == 2]

    @property
    def selects(self) -> list[dict[str, Any]]:
        return [c for c in self.iter_components() if c.get("type") in (3, 5, 6, 7, 8)]

    def find_component(
        self,
        custom_id: str | None = None,
        label: str | None = None,
        types: Iterable[int] | None = None,
    ) -> dict[str, Any] | None:
        wanted = set(types) if types is not None else None
        for comp in self.iter_components():
            if wanted is not None and comp.get("type") not in wanted:
                continue
            if custom_id is not None and comp.get("custom_id") == custom_id:
                return comp
            if label is not None and comp.get("label") == label:
                return comp
        return None

    @property
    def embed_text(self) -> str:
        parts: list[str] = []
        for embed in self.embeds:
            parts.extend(
                str(x)
                for x in (
                    (embed.get("author") or {}).get("name"),
                    embed.get("title"),
                    embed.get("description"),
                )
                if x
            )
            for fld in embed.get("fields") or []:
                parts.append(f"{fld.get('name', '')}\n{fld.get('value', '')}")
            footer = (embed.get("footer") or {}).get("text")
            if footer:
                parts.append(footer)
        return "\n".join(parts)

    @property
    def text(self) -> str:
        """Content, embed text and text-display components joined: handy for assertions."""
        parts = [self.content] if self.content else []
        if self.embeds:
            parts.append(self.embed_text)
        parts.extend(c.get("content", "") for c in self.iter_components() if c.get("type") == 10)
        return "\n".join(p for p in parts if p)

    def payload(self) -> dict[str, Any]:
        """Discord's message object."""
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": _iso(self.created_at),
            "edited_timestamp": _iso(self.edited_at),
            "tts": self.tts,
            "mention_everyone": self.pings_everyone,
            "mentions": [],
            "mention_roles": [],
            "attachments": [a.payload() for a in self.attachments],
            "embeds": copy.deepcopy(self.embeds),
            "components": copy.deepcopy(self.components),
            "pinned": False,
            "type": self.message_type,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.interaction_id is not None and self.interaction_user is not None:
            data["interaction_metadata"] = {
                "id": str(self.interaction_id),
                "type": self.interaction_type or InteractionType.APPLICATION_COMMAND,
                "user": self.interaction_user.payload(),
                "authorizing_integration_owners": {},
            }
        if self.message_reference is not None:
            data["message_reference"] = copy.deepcopy(self.message_reference)
        return data

    def __repr__(self) -> str:
        text = self.text.replace("\n", " ")
        short = text if len(text) <= 60 else text[:57] + "..."
        return f"<FakeMessage id={self.id} channel={self.channel_id} flags={self.flags} text={short!r}>"


@dataclass
class RecordedRequest:
    """One REST call the bot made (``path`` is relative to ``/api/v10``)."""

    method: str
    path: str
    json: Any
    query: dict[str, str]
    files: list[FakeAttachment]
    at: float
    headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    response: Any = None

    @property
    def error_code(self) -> int | None:
        """Discord's JSON error code of the response, if it was an error."""
        if isinstance(self.response, dict):
            code = self.response.get("code")
            return code if isinstance(code, int) else None
        return None


@dataclass
class FaultRule:
    """A fault injected with :meth:`DiscordEmulator.fail_next`."""

    method: str
    path_regex: re.Pattern[str]
    status: int
    body: dict[str, Any] | None
    retry_after: float
    times: int
    is_global: bool = False
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.hits < self.times and self.method in ("*", method) and bool(self.path_regex.search(path))

    def response(self) -> web.Response:
        body = self.body
        headers: dict[str, str] = {}
        if self.status == 429:
            body = body or {
                "message": "You are being rate limited.",
                "retry_after": self.retry_after,
                "global": self.is_global,
            }
            body.setdefault("retry_after", self.retry_after)
            reset = time.time() + self.retry_after
            headers = {
                "Retry-After": str(max(1, math.ceil(self.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{reset:.3f}",
                "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
                "X-RateLimit-Bucket": "emulator-injected",
                "X-RateLimit-Scope": "global" if self.is_global else "user",
                "Via": "1.1 google",
            }
            if self.is_global:
                headers["X-RateLimit-Global"] = "true"
        elif body is None:
            body = {
                403: {"message": "Missing Permissions", "code": ERR_MISSING_PERMISSIONS},
                404: {"message": "Unknown Channel", "code": ERR_UNKNOWN_CHANNEL},
                500: {"message": "500: Internal Server Error", "code": 0},
                502: {"message": "502: Bad Gateway", "code": 0},
            }.get(self.status, {"message": f"{self.status}: injected fault", "code": 0})
        return _json_response(body, status=self.status, headers=headers)


class _ApiError(Exception):
    """Raised by REST handlers; turned into Discord's error response."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.body: dict[str, Any] = {"message": message, "code": code}
        if errors:
            self.body["errors"] = errors


class _FormErrors:
    """Collects errors in Discord's nested ``Invalid Form Body`` shape."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def add(self, path: Sequence[str | int], code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})

    def max_len(self, path: Sequence[str | int], value: Any, limit: int) -> None:
        if isinstance(value, str | list) and len(value) > limit:
            self.add(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")

    def required(self, path: Sequence[str | int], value: Any) -> bool:
        if value is None or value == "" or value == []:
            self.add(path, "BASE_TYPE_REQUIRED", "This field is required")
            return False
        return True

    def raise_if_any(self) -> None:
        if self.tree:
            raise _ApiError(400, ERR_INVALID_FORM_BODY, "Invalid Form Body", self.tree)


# --------------------------------------------------------------------------------------
# Validation of what the bot sends (Discord's documented limits)
# --------------------------------------------------------------------------------------

EMBED_TOTAL_LIMIT = 6000
COMMAND_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")
#: Name, description and value characters of a command, its options and choices, together.
COMMAND_TOTAL_LIMIT = 4000
#: Interaction tokens (followups, edits of the response) work this long after the interaction.
INTERACTION_TOKEN_LIFETIME_S = 15 * 60
OPTION_LENGTH_MAX = 6000
OPTION_VALUE_BOUND = 2**53


def _custom_ids(components: Iterable[Any]) -> Iterator[tuple[list[str | int], str]]:
    """(path, custom_id) of every component, nested rows, labels, sections and containers included."""
    for i, comp in enumerate(components):
        if not isinstance(comp, Mapping):
            continue
        if comp.get("custom_id"):
            yield [i, "custom_id"], str(comp["custom_id"])
        for key in ("components", "accessory", "component"):
            inner = comp.get(key)
            if isinstance(inner, Mapping):
                inner = [inner]
            if isinstance(inner, list):
                for path, custom_id in _custom_ids(inner):
                    yield [i, key, *path], custom_id


def _check_unique_custom_ids(components: Any, errors: _FormErrors, prefix: list[str | int]) -> None:
    """Discord refuses a message or modal in which two components share a custom_id."""
    if not isinstance(components, list):
        return
    seen: set[str] = set()
    for path, custom_id in _custom_ids(components):
        if custom_id in seen:
            errors.add(
                [*prefix, "components", *path],
                "COMPONENT_CUSTOM_ID_DUPLICATED",
                "Component custom id cannot be duplicated",
            )
        seen.add(custom_id)


def _embed_size(embed: Mapping[str, Any]) -> int:
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    for fld in embed.get("fields") or []:
        size += len(fld.get("name") or "") + len(fld.get("value") or "")
    return size


def _validate_embeds(embeds: Any, errors: _FormErrors, prefix: list[str | int]) -> None:
    if not isinstance(embeds, list):
        errors.add([*prefix, "embeds"], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType.")
        return
    errors.max_len([*prefix, "embeds"], embeds, 10)
    total = 0
    for i, embed in enumerate(embeds):
        at = [*prefix, "embeds", i]
        errors.max_len([*at, "title"], embed.get("title"), 256)
        errors.max_len([*at, "description"], embed.get("description"), 4096)
        errors.max_len([*at, "footer", "text"], (embed.get("footer") or {}).get("text"), 2048)
        errors.max_len([*at, "author", "name"], (embed.get("author") or {}).get("name"), 256)
        fields = embed.get("fields") or []
        errors.max_len([*at, "fields"], fields, 25)
        for j, fld in enumerate(fields):
            errors.required([*at, "fields", j, "name"], fld.get("name"))
            errors.required([*at, "fields", j, "value"], fld.get("value"))
            errors.max_len([*at, "fields", j, "name"], fld.get("name"), 256)
            errors.max_len([*at, "fields", j, "value"], fld.get("value"), 1024)
        total += _embed_size(embed)
    if total > EMBED_TOTAL_LIMIT:
        errors.add(
            [*prefix, "embeds"],
            "MAX_EMBED_SIZE_EXCEEDED",
            f"Embed size exceeds maximum size of {EMBED_TOTAL_LIMIT}",
        )


def _validate_select(comp: Mapping[str, Any], errors: _FormErrors, at: list[str | int]) -> None:
    errors.required([*at, "custom_id"], comp.get("custom_id"))
    errors.max_len([*at, "custom_id"], comp.get("custom_id"), 100)
    errors.max_len([*at, "placeholder"], comp.get("placeholder"), 150)
    if comp.get("type") == 3:
        options = comp.get("options") or []
        if not options:
            errors.add([*at, "options"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.")
        errors.max_len([*at, "options"], options, 25)
        for k, opt in enumerate(options):
            errors.max_len([*at, "options", k, "label"], opt.get("label"), 100)
            errors.max_len([*at, "options", k, "value"], opt.get("value"), 100)
            errors.max_len([*at, "options", k, "description"], opt.get("description"), 100)
    for key in ("min_values", "max_values"):
        value = comp.get(key)
        if value is not None and not 0 <= value <= 25:
            errors.add([*at, key], "NUMBER_TYPE_MAX", "int value should be less than or equal to 25.")


def _validate_message_components(components: Any, errors: _FormErrors, prefix: list[str | int], *, v2: bool) -> None:
    if not isinstance(components, list):
        errors.add(
            [*prefix, "components"],
            "LIST_TYPE_CONVERT",
            "Only iterables may be used in a ListType.",
        )
        return
    if not v2:
        errors.max_len([*prefix, "components"], components, 5)
    total = 0
    for i, row in enumerate(components):
        at: list[str | int] = [*prefix, "components", i]
        total += 1
        if not v2 and row.get("type") != 1:
            errors.add([*at, "type"], "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1,).')
            continue
        children = row.get("components") or []
        total += len(children)
        if row.get("type") == 1:
            if not 1 <= len(children) <= 5:
                errors.add(
                    [*at, "components"],
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 5 in length.",
                )
            kinds = {c.get("type") for c in children}
            if kinds & {3, 5, 6, 7, 8} and len(children) > 1:
                errors.add(
                    [*at, "components"],
                    "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                    "The specified component exceeds the maximum width",
                )
        for j, comp in enumerate(children):
            cat = [*at, "components", j]
            ctype = comp.get("type")
            if ctype == 2:
                errors.max_len([*cat, "label"], comp.get("label"), 80)
                style = comp.get("style")
                if style == 5:
                    errors.required([*cat, "url"], comp.get("url"))
                    if comp.get("custom_id"):
                        errors.add(
                            [*cat, "custom_id"],
                            "BUTTON_COMPONENT_LINK_HAS_CUSTOM_ID",
                            "A link button cannot have a custom id",
                        )
                elif style != 6:
                    errors.required([*cat, "custom_id"], comp.get("custom_id"))
                    errors.max_len([*cat, "custom_id"], comp.get("custom_id"), 100)
                if not comp.get("label") and not comp.get("emoji"):
                    errors.add([*cat, "label"], "BASE_TYPE_REQUIRED", "This field is required")
            elif ctype in (3, 5, 6, 7, 8):
                _validate_select(comp, errors, cat)
            elif ctype == 10:
                errors.max_len([*cat, "content"], comp.get("content"), 4000)
    if v2 and total > 40:
        errors.add(
            [*prefix, "components"],
            "COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED",
            "Must be 40 or fewer in total.",
        )
    _check_unique_custom_ids(components, errors, prefix)


def _validate_message(
    body: Mapping[str, Any],
    files: Sequence[FakeAttachment],
    *,
    prefix: list[str | int],
    existing: FakeMessage | None = None,
    size_limit: int,
) -> None:
    """Raise the ``_ApiError`` Discord would answer for this create/edit body."""
    errors = _FormErrors()
    flags = int(body.get("flags") or 0) | (existing.flags if existing else 0)
    v2 = bool(flags & MessageFlag.IS_COMPONENTS_V2)
    content = body.get("content")
    if content is not None and not isinstance(content, str):
        errors.add([*prefix, "content"], "STRING_TYPE_CONVERT", "Could not interpret value as string.")
    errors.max_len([*prefix, "content"], content, 2000)
    if body.get("embeds") is not None:
        _validate_embeds(body["embeds"], errors, prefix)
    if body.get("components") is not None:
        _validate_message_components(body["components"], errors, prefix, v2=v2)
    if v2 and (content or body.get("embeds")):
        errors.add(
            [*prefix, "content"],
            "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
            "The 'content' and 'embeds' fields cannot be used when using MessageFlags.IS_COMPONENTS_V2",
        )
    errors.max_len([*prefix, "attachments"], body.get("attachments"), 10)
    errors.raise_if_any()
    if sum(f.size for f in files) > size_limit:
        raise _ApiError(413, ERR_ENTITY_TOO_LARGE, "Request entity too large")

    def present(key: str, old: Any) -> bool:
        return bool(body.get(key, old))

    has_files = bool(files) or present("attachments", existing.attachments if existing else None)
    if not (
        present("content", existing.content if existing else None)
        or present("embeds", existing.embeds if existing else None)
        or present("components", existing.components if existing else None)
        or has_files
        or body.get("sticker_ids")
        or body.get("poll")
    ):
        raise _ApiError(400, ERR_EMPTY_MESSAGE, "Cannot send an empty message")


def _validate_modal(data: Mapping[str, Any], errors: _FormErrors) -> None:
    at: list[str | int] = ["data"]
    if errors.required([*at, "title"], data.get("title")):
        errors.max_len([*at, "title"], data.get("title"), 45)
    if errors.required([*at, "custom_id"], data.get("custom_id")):
        errors.max_len([*at, "custom_id"], data.get("custom_id"), 100)
    components = data.get("components") or []
    if not 1 <= len(components) <= 5:
        errors.add([*at, "components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
    _check_unique_custom_ids(components, errors, at)
    for i, comp in enumerate(components):
        cat: list[str | int] = [*at, "components", i]
        ctype = comp.get("type")
        if ctype == 1:
            inner = comp.get("components") or []
            if len(inner) != 1:
                errors.add(
                    [*cat, "components"],
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 1 in length.",
                )
            for j, child in enumerate(inner):
                if child.get("type") != 4:
                    errors.add(
                        [*cat, "components", j, "type"],
                        "UNION_TYPE_CHOICES",
                        'Value of field "type" must be one of (4,).',
                    )
                    continue
                errors.required([*cat, "components", j, "label"], child.get("label"))
                _validate_text_input(child, errors, [*cat, "components", j], legacy=True)
        elif ctype == 18:
            if errors.required([*cat, "label"], comp.get("label")):
                errors.max_len([*cat, "label"], comp.get("label"), 45)
            errors.max_len([*cat, "description"], comp.get("description"), 100)
            child = comp.get("component") or {}
            if child.get("type") == 4:
                _validate_text_input(child, errors, [*cat, "component"], legacy=False)
            elif child.get("type") in (3, 5, 6, 7, 8):
                _validate_select(child, errors, [*cat, "component"])
            elif child.get("type") not in (19, 21, 22, 23):
                errors.add(
                    [*cat, "component", "type"],
                    "UNION_TYPE_CHOICES",
                    "Invalid component type for a label.",
                )
        elif ctype == 10:
            errors.max_len([*cat, "content"], comp.get("content"), 4000)
        else:
            errors.add(
                [*cat, "type"],
                "UNION_TYPE_CHOICES",
                'Value of field "type" must be one of (1, 10, 18).',
            )


def _validate_text_input(comp: Mapping[str, Any], errors: _FormErrors, at: list[str | int], *, legacy: bool) -> None:
    if errors.required([*at, "custom_id"], comp.get("custom_id")):
        errors.max_len([*at, "custom_id"], comp.get("custom_id"), 100)
    if legacy:
        errors.max_len([*at, "label"], comp.get("label"), 45)
    elif comp.get("label"):
        errors.add(
            [*at, "label"],
            "TEXT_INPUT_LABEL_IN_LABEL_COMPONENT",
            "A text input inside a label component cannot have its own label",
        )
    errors.max_len([*at, "placeholder"], comp.get("placeholder"), 100)
    errors.max_len([*at, "value"], comp.get("value"), 4000)
    for key, low, high in (("min_length", 0, 4000), ("max_length", 1, 4000)):
        value = comp.get(key)
        if value is None:
            continue
        if value > high:
            errors.add([*at, key], "NUMBER_TYPE_MAX", f"int value should be less than or equal to {high}.")
        elif value < low:
            errors.add(
                [*at, key],
                "NUMBER_TYPE_MIN",
                f"int value should be greater than or equal to {low}.",
            )


def _validate_commands(commands: Any) -> None:
    errors = _FormErrors()
    if not isinstance(commands, list):
        errors.add([], "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType.")
        errors.raise_if_any()
    seen: set[tuple[int, str]] = set()
    for i, cmd in enumerate(commands):
        ctype = cmd.get("type", 1)
        name = cmd.get("name") or ""
        if not COMMAND_NAME_RE.match(name) or (ctype == 1 and name != name.lower()):
            errors.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
        if (ctype, name) in seen:
            errors.add(
                [i, "name"],
                "APPLICATION_COMMANDS_DUPLICATE_NAME",
                f"Application command names must be unique ({name})",
            )
        seen.add((ctype, name))
        if ctype == 1:
            desc = cmd.get("description") or ""
            if not 1 <= len(desc) <= 100:
                errors.add(
                    [i, "description"],
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and 100 in length.",
                )
            _validate_command_options(cmd.get("options") or [], errors, [i, "options"], depth=0)
            size = _command_size(cmd)
            if size > COMMAND_TOTAL_LIMIT:
                errors.add(
                    [i],
                    "APPLICATION_COMMAND_TOO_LARGE",
                    f"Command exceeds maximum size ({COMMAND_TOTAL_LIMIT}): {size} characters",
                )
        elif cmd.get("description"):
            errors.add(
                [i, "description"],
                "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                "Context menu commands cannot have a description",
            )
    if sum(1 for c in commands if c.get("type", 1) == 1) > 100:
        errors.add(
            [],
            "APPLICATION_COMMANDS_TOO_MANY",
            "Maximum number of application commands reached (100)",
        )
    errors.raise_if_any()


def _command_size(node: Mapping[str, Any]) -> int:
    """Characters Discord counts towards a command's 4,000: names, descriptions and choice values."""
    size = len(node.get("name") or "") + len(node.get("description") or "")
    for choice in node.get("choices") or []:
        size += len(choice.get("name") or "") + len(str(choice.get("value", "")))
    for option in node.get("options") or []:
        size += _command_size(option)
    return size


def _validate_option_bounds(opt: Mapping[str, Any], errors: _FormErrors, oat: list[str | int]) -> None:
    """min/max length (strings) and min/max value (integers, numbers), as Discord checks them."""
    otype = opt.get("type")
    for key, low in (("min_length", 0), ("max_length", 1)):
        value = opt.get(key)
        if value is None:
            continue
        if otype != 3:
            errors.add([*oat, key], "APPLICATION_COMMAND_OPTION_INVALID", f"{key} is only valid for string options")
        elif not low <= value <= OPTION_LENGTH_MAX:
            errors.add([*oat, key], "NUMBER_TYPE_MAX", f"int value should be between {low} and {OPTION_LENGTH_MAX}.")
    if None not in (opt.get("min_length"), opt.get("max_length")) and opt["min_length"] > opt["max_length"]:
        errors.add([*oat, "min_length"], "APPLICATION_COMMAND_OPTION_INVALID", "min_length exceeds max_length")
    for key in ("min_value", "max_value"):
        value = opt.get(key)
        if value is None:
            continue
        if otype not in (4, 10):
            errors.add([*oat, key], "APPLICATION_COMMAND_OPTION_INVALID", f"{key} is only valid for numeric options")
        elif not -OPTION_VALUE_BOUND <= value <= OPTION_VALUE_BOUND:
            errors.add([*oat, key], "NUMBER_TYPE_MAX", "Value is out of range.")
    if None not in (opt.get("min_value"), opt.get("max_value")) and opt["min_value"] > opt["max_value"]:
        errors.add([*oat, "min_value"], "APPLICATION_COMMAND_OPTION_INVALID", "min_value exceeds max_value")
    if opt.get("autocomplete") and opt.get("choices"):
        errors.add(
            [*oat, "autocomplete"],
            "APPLICATION_COMMAND_OPTION_CHOICES_AND_AUTOCOMPLETE",
            "Autocomplete cannot be set on an option with choices",
        )


def _validate_choice_list(choices: Any, errors: _FormErrors, at: list[str | int]) -> None:
    """Choices (fixed or from autocomplete): at most 25, names 1-100 characters, string values up to 100."""
    errors.max_len(at, choices, 25)
    for k, choice in enumerate(choices if isinstance(choices, list) else []):
        name = choice.get("name")
        if errors.required([*at, k, "name"], name):
            errors.max_len([*at, k, "name"], name, 100)
        value = choice.get("value")
        if isinstance(value, str):
            if value == "":
                errors.add([*at, k, "value"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
            errors.max_len([*at, k, "value"], value, 100)
        elif value is None:
            errors.required([*at, k, "value"], value)


def _validate_command_options(options: list[Any], errors: _FormErrors, at: list[str | int], depth: int) -> None:
    errors.max_len(at, options, 25)
    seen_optional = False
    names: set[str] = set()
    for j, opt in enumerate(options):
        oat = [*at, j]
        name = opt.get("name") or ""
        if not COMMAND_NAME_RE.match(name) or name != name.lower():
            errors.add([*oat, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Option name is invalid")
        if name in names:
            errors.add(
                [*oat, "name"],
                "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                "Option names must be unique",
            )
        names.add(name)
        if not 1 <= len(opt.get("description") or "") <= 100:
            errors.add(
                [*oat, "description"],
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 100 in length.",
            )
        otype = opt.get("type")
        if otype in (1, 2):
            if depth >= (1 if otype == 2 else 2):
                errors.add(
                    [*oat, "type"],
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    "Subcommands nested too deep",
                )
            _validate_command_options(opt.get("options") or [], errors, [*oat, "options"], depth + 1)
            continue
        if opt.get("required"):
            if seen_optional:
                errors.add(
                    [*oat, "required"],
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            seen_optional = True
        _validate_choice_list(opt.get("choices") or [], errors, [*oat, "choices"])
        _validate_option_bounds(opt, errors, oat)


# --------------------------------------------------------------------------------------
# Interactions as the tests see them
# --------------------------------------------------------------------------------------


class FakeInteraction:
    """One interaction sent to the bot, and everything the bot answered to it.

    Created by :meth:`DiscordEmulator.slash`, :meth:`~DiscordEmulator.click`,
    :meth:`~DiscordEmulator.select`, :meth:`~DiscordEmulator.submit_modal` and
    :meth:`~DiscordEmulator.autocomplete`.
    """

    def __init__(
        self,
        emulator: DiscordEmulator,
        *,
        id: int,  # noqa: A002 - mirrors Discord's field name
        token: str,
        type: int,  # noqa: A002
        user: FakeUser,
        guild_id: int | None,
        channel_id: int,
        payload: dict[str, Any],
        name: str | None = None,
        source_message_id: int | None = None,
    ) -> None:
        self._emu = emulator
        self.id = id
        self.token = token
        self.type = type
        self.user = user
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.payload = payload
        self.name = name
        self.source_message_id = source_message_id
        self.sent_at: float | None = None
        self.callback_at: float | None = None
        self.callback_type: int | None = None
        self.callback_data: dict[str, Any] | None = None
        self.modal: dict[str, Any] | None = None
        self.choices: list[dict[str, Any]] | None = None
        self.original_message_id: int | None = None
        self.followup_ids: list[int] = []
        self.rejected: list[RecordedRequest] = []
        self.late_callbacks: int = 0
        #: Added to the token's age (see :meth:`DiscordEmulator.expire_token`).
        self.token_age_offset_s = 0.0
        self._original_touched = False
        self._changed = asyncio.Event()

    # -- state -------------------------------------------------------------------------

    @property
    def ack_ms(self) -> float | None:
        """Milliseconds from writing INTERACTION_CREATE to the socket to the first callback."""
        if self.sent_at is None or self.callback_at is None:
            return None
        return (self.callback_at - self.sent_at) * 1000.0

    @property
    def acknowledged(self) -> bool:
        return self.callback_type is not None

    @property
    def ephemeral(self) -> bool:
        """Whether the initial response (message or deferral) had flag 64."""
        flags = int((self.callback_data or {}).get("flags") or 0)
        if self.callback_type in (
            CallbackType.CHANNEL_MESSAGE,
            CallbackType.DEFERRED_CHANNEL_MESSAGE,
        ):
            return bool(flags & MessageFlag.EPHEMERAL)
        original = self.original_message
        return bool(original and original.ephemeral)

    @property
    def original_message(self) -> FakeMessage | None:
        if self.original_message_id is None:
            return None
        return self._emu.messages.get(self.original_message_id)

    @property
    def messages(self) -> list[FakeMessage]:
        """Initial response and followups (edits applied, deleted/loading ones left out)."""
        ids: list[int] = []
        if self.original_message_id is not None and self._original_touched:
            ids.append(self.original_message_id)
        ids.extend(i for i in self.followup_ids if i not in ids)
        found = [self._emu.messages[i] for i in ids if i in self._emu.messages]
        return [m for m in found if not m.deleted and not m.loading]

    @property
    def text(self) -> str:
        """All response text (``FakeMessage.text`` of every message) joined by newlines."""
        return "\n".join(m.text for m in self.messages)

    @property
    def done(self) -> bool:
        """Acknowledged and, for deferrals, followed up (or the original edited/deleted).

        A deferred update (type 6) of a component counts as done only once the message was
        edited or a followup sent; if the bot legitimately does nothing more, use
        :meth:`wait_ack` instead.
        """
        if self.callback_type is None:
            return False
        if self.callback_type == CallbackType.DEFERRED_CHANNEL_MESSAGE:
            original = self.original_message
            return original is None or original.deleted or not original.loading or bool(self.followup_ids)
        if self.callback_type == CallbackType.DEFERRED_UPDATE_MESSAGE:
            if self.source_message_id is None:  # modal submit answered with a bare ack
                return True
            return self._original_touched or bool(self.followup_ids)
        return True

    # -- waiting -----------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()

    async def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{what} within {timeout}s: {self.describe()}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)

    async def wait_ack(self, timeout: float = 10.0) -> FakeInteraction:
        """Wait until the bot's first callback was accepted."""
        await self._wait(lambda: self.acknowledged, timeout, "interaction not acknowledged")
        return self

    async def wait_done(self, timeout: float = 10.0) -> FakeInteraction:
        """Wait until acknowledged and, if deferred, followed up / edited."""
        await self._wait(lambda: self.done, timeout, "interaction not done")
        return self

    async def wait_messages(self, count: int, timeout: float = 10.0) -> list[FakeMessage]:
        """Wait until at least ``count`` response messages exist; return them."""
        await self._wait(lambda: len(self.messages) >= count, timeout, f"fewer than {count} messages")
        return self.messages

    def describe(self) -> str:
        """One line of diagnostics used in timeout errors."""
        bits = [f"interaction {self.name or self.type} id={self.id}"]
        if self.sent_at is None:
            bits.append("event NOT YET WRITTEN to the gateway (bot disconnected or gateway held?)")
        bits.append(f"callback_type={self.callback_type}")
        if self.late_callbacks:
            bits.append(f"{self.late_callbacks} callback(s) after the {self._emu.ack_deadline_s}s deadline")
        if self._emu.token_expired(self):
            bits.append("token expired")
        for req in self.rejected:
            bits.append(f"rejected {req.method} {req.path} -> {req.status} {json.dumps(req.response)[:300]}")
        bits.append(f"messages={len(self.messages)}")
        return "; ".join(bits)

    def __repr__(self) -> str:
        return f"<FakeInteraction {self.describe()}>"


# --------------------------------------------------------------------------------------
# Gateway plumbing
# --------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Outgoing:
    """One frame to write; dispatches (op 0) carry a sequence number and may be replayed."""

    text: str
    seq: int | None = None
    on_send: Callable[[float], None] | None = None
    close_code: int | None = None


class _GatewayConnection:
    """One websocket from the bot; frames are written in order by a single writer task."""

    def __init__(self, ws: web.WebSocketResponse) -> None:
        self.ws = ws
        self.queue: asyncio.Queue[_Outgoing | None] = asyncio.Queue()
        self.session: _GatewaySession | None = None
        self.finished = asyncio.Event()
        self.writer = asyncio.create_task(self._write_loop(), name="discord-emulator-gateway-writer")

    def enqueue(self, item: _Outgoing | None) -> None:
        self.queue.put_nowait(item)

    def send_op(self, op: int, d: Any = None) -> None:
        self.enqueue(_Outgoing(text=json.dumps({"op": op, "d": d, "s": None, "t": None})))

    async def _write_loop(self) -> None:
        while True:
            item = await self.queue.get()
            if item is None or self.ws.closed:
                return
            if item.close_code is not None:
                with contextlib.suppress(Exception):
                    await self.ws.close(code=item.close_code)
                return
            if item.on_send is not None:
                item.on_send(time.perf_counter())
            try:
                await self.ws.send_str(item.text)
            except (ConnectionError, RuntimeError):
                return


@dataclass(eq=False)
class _GatewaySession:
    session_id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    log: list[_Outgoing] = field(default_factory=list)
    conn: _GatewayConnection | None = None
    invalid: bool = False


class _Undo:
    """Returned by :meth:`DiscordEmulator.patch_discord`: call it, or use it as a context manager."""

    def __init__(self, restore: Callable[[], None]) -> None:
        self._restore: Callable[[], None] | None = restore

    def __call__(self) -> None:
        if self._restore is not None:
            self._restore()
            self._restore = None

    def __enter__(self) -> _Undo:
        return self

    def __exit__(self, *exc: object) -> None:
        self()


@dataclass
class _Req:
    method: str
    path: str
    query: Mapping[str, str]
    json: Any
    files: list[FakeAttachment]
    arrived: float
    record: RecordedRequest


_SAME = object()  # "same guild/channel as the interaction" default for submit_modal


# --------------------------------------------------------------------------------------
# The emulator
# --------------------------------------------------------------------------------------


class DiscordEmulator:
    """Discord's REST API and gateway for one bot application, on 127.0.0.1.

    Knobs (plain attributes, change them any time):

    * ``ack_deadline_s`` (3.0): initial callbacks later than this after the event was written
      get 404 ``10062 Unknown interaction``.
    * ``heartbeat_interval_ms`` (41250): sent in HELLO.
    * ``privileged_intents_allowed`` (all): privileged intents enabled "in the developer
      portal"; identifying with another privileged intent closes the gateway with 4014.
    * ``require_synced_commands`` (True): :meth:`slash` only invokes commands the bot synced.
    * ``enforce_command_permissions`` (True): :meth:`slash` refuses commands the Discord client
      would hide from the user (``default_member_permissions``, ``contexts``/``dm_permission``).
    * ``attachment_size_limit`` (10 MiB).
    * ``token_lifetime_s`` (900): an interaction's token (followups, edits and deletes of its
      messages) stops working this long after the interaction; later calls get 401
      ``50027 Invalid Webhook Token``. :meth:`expire_token` ages one interaction past it.
    """

    def __init__(self, *, bot_name: str = "SOAP Coach") -> None:
        self._snowflake = _Snowflakes()
        self.token = "emulator-token"
        self.application_id = self._snowflake()
        self.bot_user = FakeUser(id=self._snowflake(), username=bot_name, bot=True)
        self.owner_user = FakeUser(id=self._snowflake(), username="app-owner")
        self.ack_deadline_s = 3.0
        self.heartbeat_interval_ms = 41250
        self.privileged_intents_allowed = Intent.PRIVILEGED
        self.require_synced_commands = True
        self.enforce_command_permissions = True
        self.attachment_size_limit = 10 * 1024 * 1024
        self.token_lifetime_s = float(INTERACTION_TOKEN_LIFETIME_S)

        self.guilds: dict[int, FakeGuild] = {}
        self.users: dict[int, FakeUser] = {
            self.bot_user.id: self.bot_user,
            self.owner_user.id: self.owner_user,
        }
        self.channels: dict[int, FakeChannel] = {}
        self.messages: dict[int, FakeMessage] = {}
        self.attachments: dict[int, FakeAttachment] = {}
        self.interactions: dict[int, FakeInteraction] = {}
        self._ix_by_token: dict[str, FakeInteraction] = {}
        self._channel_message_ids: dict[int, list[int]] = {}

        self.requests: list[RecordedRequest] = []
        self.cdn_requests: list[str] = []
        self.unknown_routes: list[str] = []
        self.commands_synced: dict[Any, list[dict[str, Any]]] = {}
        self.registered_commands: dict[Any, list[dict[str, Any]]] = {"global": []}
        self.gateway_received: list[dict[str, Any]] = []
        self.dropped_events: list[tuple[str, str]] = []
        self.identify_count = 0
        self.resume_count = 0
        self._faults: list[FaultRule] = []

        self._session: _GatewaySession | None = None
        self._connections: set[_GatewayConnection] = set()
        self._gateway_gate = asyncio.Event()
        self._gateway_gate.set()
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._routes = self._build_routes()

    # ==================================================================================
    # Lifecycle
    # ==================================================================================

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._handle_gateway)
        app.router.add_get("/attachments/{attachment_id}/{filename}", self._handle_cdn)
        app.router.add_route("*", r"/api/v{version:\d+}/{tail:.*}", self._handle_api)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        site = web.SockSite(self._runner, sock, shutdown_timeout=1.0)
        await site.start()
        log.info("Discord emulator listening on %s", self.http_base)

    async def stop(self) -> None:
        """Close every gateway connection and stop serving."""
        for conn in list(self._connections):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.ws.close(code=1001), 2.0)
            conn.enqueue(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise EmulatorError("emulator not started: await emu.start() first")
        return self._port

    @property
    def http_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE`` (DISCORD_API_BASE_URL)."""
        return f"{self.http_base}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (DISCORD_GATEWAY_URL)."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def bot_user_id(self) -> int:
        return self.bot_user.id

    def patch_discord(self) -> _Undo:
        """Point discord.py at this emulator. Returns an undo callable (also a context manager)."""
        import discord.gateway
        import discord.http

        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

        def restore() -> None:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

        return _Undo(restore)

    @contextlib.asynccontextmanager
    async def run_bot(
        self,
        bot: Any,
        *,
        timeout: float = 10.0,
        patch: bool = True,
        wait_bot_ready: bool = True,
    ) -> AsyncIterator[Any]:
        """Log ``bot`` in, connect it, wait until it is ready; close it on exit.

        ``async with emu.run_bot(bot): ...`` is the whole lifecycle of a bot in a test.
        ``bot.login`` runs ``setup_hook`` (where bots usually sync commands) before connecting.
        With ``wait_bot_ready`` (default) this also waits for ``bot.wait_until_ready()``,
        i.e. until discord.py has parsed every GUILD_CREATE and fired ``on_ready`` -- which
        takes ``guild_ready_timeout`` (2 s by default in discord.py; use 0.05 in tests).
        ``patch=False`` leaves discord.py's URLs alone (when the app sets them itself).
        """
        undo = self.patch_discord() if patch else _Undo(lambda: None)
        task: asyncio.Task[Any] | None = None
        self.end_session()
        try:
            await bot.login(self.token)
            task = asyncio.create_task(bot.connect(reconnect=True), name="emulated-bot-connect")
            ready = asyncio.create_task(self._wait_bot(bot, timeout, wait_bot_ready))
            await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                task.result()  # re-raise why the bot stopped
                raise EmulatorError("bot.connect() returned before READY")
            ready.result()
            yield bot
        finally:
            with contextlib.suppress(Exception):
                await bot.close()
            if task is not None:
                with contextlib.suppress(BaseException):
                    await asyncio.wait_for(task, 5.0)
            self.end_session()
            undo()

    async def _wait_bot(self, bot: Any, timeout: float, wait_bot_ready: bool) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        await self.wait_until_ready(timeout)
        if wait_bot_ready and hasattr(bot, "wait_until_ready"):
            remaining = max(0.0, deadline - loop.time())
            try:
                await asyncio.wait_for(bot.wait_until_ready(), remaining)
            except TimeoutError:
                raise TimeoutError(
                    f"the bot got READY but did not fire on_ready within {timeout}s (is guild_ready_timeout large?)"
                ) from None

    def end_session(self) -> None:
        """Forget the current gateway session (a bot closed; the next one must IDENTIFY).

        :meth:`run_bot` calls this itself; call it when driving several bots by hand.
        """
        if self._session is not None:
            self._session.invalid = True
            self._session.conn = None
        self._ready.clear()

    async def wait_until_ready(self, timeout: float = 10.0) -> None:
        """Wait until the bot identified and READY + every GUILD_CREATE were written to it."""
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            raise TimeoutError(
                f"bot did not identify within {timeout}s (connections={len(self._connections)}, "
                f"identifies={self.identify_count}); did you patch discord.py and call bot.connect()?"
            ) from None

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0, message: str | None = None) -> Any:
        """Poll ``predicate`` every 10 ms until it returns something truthy; return that."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if isinstance(result, Awaitable):
                result = await result
            if result:
                return result
            if loop.time() >= deadline:
                raise TimeoutError(message or f"condition not met within {timeout}s")
            await asyncio.sleep(0.01)

    # ==================================================================================
    # World building
    # ==================================================================================

    def add_user(
        self,
        username: str,
        *,
        dms_closed: bool = False,
        global_name: str | None = None,
        locale: str = "en-US",
        bot: bool = False,
    ) -> FakeUser:
        """A Discord user; usable in DMs and addable to guilds."""
        user = FakeUser(
            id=self._snowflake(),
            username=username,
            global_name=global_name,
            dms_closed=dms_closed,
            locale=locale,
            bot=bot,
        )
        self.users[user.id] = user
        return user

    def add_guild(self, name: str = "Test Guild", *, owner: FakeUser | None = None, locale: str = "en-US") -> FakeGuild:
        """A guild with an @everyone role, a bot role, a "general" channel and the bot as member."""
        guild_id = self._snowflake()
        owner = owner or self.owner_user
        guild = FakeGuild(id=guild_id, name=name, owner_id=owner.id, locale=locale)
        guild.roles.append(
            FakeRole(
                id=guild_id,
                guild_id=guild_id,
                name="@everyone",
                permissions=Perm.DEFAULT_EVERYONE,
                position=0,
            )
        )
        bot_role = FakeRole(
            id=self._snowflake(),
            guild_id=guild_id,
            name=self.bot_user.username,
            permissions=Perm.DEFAULT_BOT,
            position=1,
            managed=True,
        )
        guild.roles.append(bot_role)
        general = FakeChannel(id=self._snowflake(), name="general", guild_id=guild_id)
        guild.channels.append(general)
        self.channels[general.id] = general
        guild.members[self.bot_user.id] = FakeMember(user=self.bot_user, role_ids=[bot_role.id])
        if owner.id not in guild.members:
            self.users.setdefault(owner.id, owner)
            guild.members[owner.id] = FakeMember(user=owner)
        self.guilds[guild_id] = guild
        if self._session is not None:
            self._dispatch("GUILD_CREATE", self._guild_create_payload(guild), intent=Intent.GUILDS)
        return guild

    def add_role(self, guild: Any, name: str, permissions: int = 0, *, color: int = 0) -> FakeRole:
        """A role in ``guild``."""
        g = self._guild(guild)
        role = FakeRole(
            id=self._snowflake(),
            guild_id=g.id,
            name=name,
            permissions=permissions,
            position=len(g.roles),
            color=color,
        )
        g.roles.append(role)
        if self._session is not None:
            self._dispatch(
                "GUILD_ROLE_CREATE",
                {"guild_id": str(g.id), "role": role.payload()},
                intent=Intent.GUILDS,
            )
        return role

    def add_channel(self, guild: Any, name: str, *, topic: str | None = None, bot_can_send: bool = True) -> FakeChannel:
        """A text channel. ``bot_can_send=False`` makes the bot's posts there fail with 403 50013."""
        g = self._guild(guild)
        channel = FakeChannel(
            id=self._snowflake(),
            name=name,
            guild_id=g.id,
            position=len(g.channels),
            topic=topic,
            bot_can_send=bot_can_send,
        )
        g.channels.append(channel)
        self.channels[channel.id] = channel
        if self._session is not None:
            self._dispatch("CHANNEL_CREATE", channel.payload(), intent=Intent.GUILDS)
        return channel

    def add_member(
        self,
        guild: Any,
        username: str | None = None,
        *,
        user: FakeUser | None = None,
        roles: Iterable[Any] = (),
        permissions: int | None = None,
        admin: bool = False,
        owner: bool = False,
        nick: str | None = None,
        dms_closed: bool = False,
    ) -> FakeUser:
        """Add a (new or existing) user to ``guild`` and return the user.

        ``roles``: FakeRole objects, role ids or role names. ``permissions`` (and ``admin``)
        are granted through an extra role named ``"<username> permissions"`` so that both
        ``interaction.permissions`` and ``member.guild_permissions`` see them.
        """
        g = self._guild(guild)
        if user is None:
            if username is None:
                raise EmulatorError("add_member needs username= or user=")
            user = self.add_user(username, dms_closed=dms_closed)
        else:
            self.users.setdefault(user.id, user)
        role_ids = [self._role(g, r).id for r in roles]
        extra = (permissions or 0) | (Perm.ADMINISTRATOR if admin else 0)
        if extra:
            role_ids.append(self.add_role(g, f"{user.username} permissions", extra).id)
        member = FakeMember(user=user, role_ids=role_ids, nick=nick)
        g.members[user.id] = member
        if owner:
            g.owner_id = user.id
        if self._session is not None:
            payload = member.payload()
            payload["guild_id"] = str(g.id)
            self._dispatch("GUILD_MEMBER_ADD", payload, intent=Intent.GUILD_MEMBERS)
        return user

    def remove_member(self, guild: Any, user: Any, *, ban: bool = False) -> None:
        """``user`` leaves ``guild`` (or is kicked; ``ban=True`` bans them). The member is gone from
        ``GET /guilds/{id}/members/{user}`` (404 10007), and new interactions from them in that
        guild are refused by the emulator, as the Discord client would not show the guild."""
        g = self._guild(guild)
        member = g.members.pop(_as_id(user), None)
        if member is None:
            raise EmulatorError(f"user {_as_id(user)} is not a member of guild {g.name!r}")
        if ban:
            g.bans.add(member.user.id)
        if self._session is not None:
            data = {"guild_id": str(g.id), "user": member.user.payload()}
            self._dispatch("GUILD_MEMBER_REMOVE", data, intent=Intent.GUILD_MEMBERS)
            if ban:
                self._dispatch("GUILD_BAN_ADD", data, intent=Intent.GUILD_MODERATION)

    def expire_token(self, interaction: FakeInteraction) -> None:
        """Age ``interaction`` past ``token_lifetime_s`` (as if 15 minutes had gone by): from now
        on its followups and edits get 401 ``50027 Invalid Webhook Token``."""
        interaction.token_age_offset_s += self.token_lifetime_s

    def token_expired(self, interaction: FakeInteraction) -> bool:
        if interaction.sent_at is None:
            return False
        age = time.perf_counter() - interaction.sent_at + interaction.token_age_offset_s
        return age >= self.token_lifetime_s

    def set_bot_permissions(self, guild: Any, permissions: int) -> None:
        """Change the permissions of the bot's managed role in ``guild``."""
        g = self._guild(guild)
        role = g.roles[1]
        role.permissions = permissions
        if self._session is not None:
            self._dispatch(
                "GUILD_ROLE_UPDATE",
                {"guild_id": str(g.id), "role": role.payload()},
                intent=Intent.GUILDS,
            )

    def member_permissions(self, guild: Any, user: Any) -> int:
        """Guild-level permissions of ``user`` (owner and administrators get everything)."""
        g = self._guild(guild)
        user_id = _as_id(user)
        if g.owner_id == user_id:
            return Perm.ALL
        member = g.member(user_id)
        perms = g.everyone_role.permissions
        for role in g.roles:
            if role.id in member.role_ids:
                perms |= role.permissions
        return Perm.ALL if perms & Perm.ADMINISTRATOR else perms

    def dm_channel(self, user: Any) -> FakeChannel:
        """The DM channel between ``user`` and the bot (created on first use)."""
        u = self._user(user)
        if u.dm_channel_id is None:
            channel = FakeChannel(id=self._snowflake(), name=f"dm-{u.username}", type=1, recipient=u)
            self.channels[channel.id] = channel
            u.dm_channel_id = channel.id
        return self.channels[u.dm_channel_id]

    # ==================================================================================
    # Observing
    # ==================================================================================

    def channel_messages(
        self, channel: Any, *, include_deleted: bool = False, include_users: bool = False
    ) -> list[FakeMessage]:
        """Messages the bot posted in a channel (interaction responses included), oldest first."""
        channel_id = _as_id(channel)
        result = []
        for message_id in self._channel_message_ids.get(channel_id, []):
            msg = self.messages[message_id]
            if msg.deleted and not include_deleted:
                continue
            if msg.author.id != self.bot_user.id and not include_users:
                continue
            result.append(msg)
        return result

    def dm_messages(self, user: Any, **kwargs: bool) -> list[FakeMessage]:
        """The bot's messages in ``user``'s DM channel."""
        return self.channel_messages(self.dm_channel(user), **kwargs)

    def bot_messages(self) -> list[FakeMessage]:
        """Every message the bot posted anywhere, oldest first."""
        return [m for m in self.messages.values() if m.author.id == self.bot_user.id and not m.deleted]

    def everyone_pings(self) -> list[FakeMessage]:
        """Bot messages that would ping @everyone/@here (should always be empty)."""
        return [m for m in self.bot_messages() if m.pings_everyone]

    def requests_to(self, method: str, path_regex: str) -> list[RecordedRequest]:
        """Recorded REST calls matching ``method`` ("*" for any) and a regex on the path."""
        pattern = re.compile(path_regex)
        return [r for r in self.requests if method in ("*", r.method) and pattern.search(r.path)]

    def get_message(self, message_id: int) -> FakeMessage:
        try:
            return self.messages[message_id]
        except KeyError:
            raise EmulatorError(f"no message {message_id}") from None

    # ==================================================================================
    # Faults
    # ==================================================================================

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int = 429,
        body: dict[str, Any] | None = None,
        retry_after: float = 0.2,
        times: int = 1,
        *,
        is_global: bool = False,
    ) -> FaultRule:
        """Answer the next ``times`` matching REST calls with ``status`` instead of handling them.

        ``path_regex`` is searched in the path relative to ``/api/v10`` (e.g.
        ``r"/channels/\\d+/messages$"``). 429s carry ``retry_after`` in the body and
        ``Retry-After`` / ``X-RateLimit-*`` / ``Via`` headers like Discord's, so discord.py
        waits and retries by itself. Default bodies: 403 -> 50013 Missing Permissions,
        500 -> generic; pass ``body`` for anything else. Note that discord.py retries 5xx
        itself after 1 s, 3 s, ...
        """
        rule = FaultRule(
            method=method.upper(),
            path_regex=re.compile(path_regex),
            status=status,
            body=copy.deepcopy(body),
            retry_after=retry_after,
            times=times,
            is_global=is_global,
        )
        self._faults.append(rule)
        return rule

    # ==================================================================================
    # Playing users: interactions
    # ==================================================================================

    async def slash(
        self,
        user: Any,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        guild: Any = None,
        channel: Any = None,
        attachments: Mapping[str, FakeAttachment] | None = None,
        locale: str | None = None,
    ) -> FakeInteraction:
        """Invoke a slash command (CHAT_INPUT) as ``user``.

        ``name`` is ``"ask"``, ``"interview start"`` or ``"advisor knowledge add"``. Options
        are typed from the synced command schema (str/int/float/bool, FakeUser, FakeRole,
        FakeChannel, FakeAttachment). ``guild=None`` means the user's DM with the bot;
        ``channel`` defaults to the guild's "general".
        """
        u = self._user(user)
        g = self._guild(guild) if guild is not None else None
        ch = self._interaction_channel(u, g, channel)
        parts = name.split()
        command, scope = self._find_command(parts[0], g)
        if command is None and self.require_synced_commands:
            raise EmulatorError(self._unknown_command_message(parts[0], g))
        if command is not None and self.enforce_command_permissions:
            self._check_command_visible(command, u, g, name)
        merged = dict(options or {})
        merged.update(attachments or {})
        opts, resolved = self._build_command_options(command, parts, merged, g, autocomplete=None)
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self._snowflake()),
            "name": parts[0],
            "type": 1,
            "options": opts,
        }
        if resolved:
            data["resolved"] = resolved
        if scope != "global" and g is not None:
            data["guild_id"] = str(g.id)
        return self._send_interaction(InteractionType.APPLICATION_COMMAND, data, u, g, ch, name=name, locale=locale)

    async def autocomplete(
        self,
        user: Any,
        name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        guild: Any = None,
        channel: Any = None,
    ) -> FakeInteraction:
        """Send an APPLICATION_COMMAND_AUTOCOMPLETE; the bot's choices land in ``ix.choices``."""
        u = self._user(user)
        g = self._guild(guild) if guild is not None else None
        ch = self._interaction_channel(u, g, channel)
        parts = name.split()
        command, scope = self._find_command(parts[0], g)
        if command is None and self.require_synced_commands:
            raise EmulatorError(self._unknown_command_message(parts[0], g))
        opts, _ = self._build_command_options(command, parts, dict(options), g, autocomplete=focused)
        data: dict[str, Any] = {
            "id": command["id"] if command else str(self._snowflake()),
            "name": parts[0],
            "type": 1,
            "options": opts,
        }
        if scope != "global" and g is not None:
            data["guild_id"] = str(g.id)
        return self._send_interaction(InteractionType.AUTOCOMPLETE, data, u, g, ch, name=f"{name} (autocomplete)")

    async def click(
        self, user: Any, message: Any, custom_id: str | None = None, *, label: str | None = None
    ) -> FakeInteraction:
        """Click a button (by ``custom_id`` or ``label``); the event carries the full message."""
        msg = self._message(message)
        if custom_id is None and label is None:
            raise EmulatorError("click needs custom_id= or label=")
        comp = msg.find_component(custom_id=custom_id, label=label, types={2})
        if comp is None:
            raise EmulatorError(
                f"no button custom_id={custom_id!r} label={label!r} on {msg!r}; buttons: "
                f"{[(b.get('custom_id'), b.get('label')) for b in msg.buttons]}"
            )
        if comp.get("disabled"):
            raise EmulatorError(f"button {comp.get('label')!r} is disabled")
        if comp.get("style") in (5, 6):
            raise EmulatorError("link/premium buttons do not send interactions")
        return self._component_interaction(
            user,
            msg,
            {"custom_id": comp["custom_id"], "component_type": 2},
            name=f"click {comp.get('label') or comp['custom_id']}",
        )

    async def select(self, user: Any, message: Any, custom_id: str, values: Sequence[Any]) -> FakeInteraction:
        """Pick ``values`` in a select menu on ``message``."""
        msg = self._message(message)
        comp = msg.find_component(custom_id=custom_id, types={3, 5, 6, 7, 8})
        if comp is None:
            raise EmulatorError(
                f"no select {custom_id!r} on {msg!r}; selects: {[s.get('custom_id') for s in msg.selects]}"
            )
        if comp.get("disabled"):
            raise EmulatorError(f"select {custom_id!r} is disabled")
        guild = self.guilds.get(msg.guild_id) if msg.guild_id else None
        picked, resolved = self._select_values(comp, values, guild)
        data: dict[str, Any] = {
            "custom_id": custom_id,
            "component_type": comp["type"],
            "values": picked,
        }
        if resolved:
            data["resolved"] = resolved
        return self._component_interaction(user, msg, data, name=f"select {custom_id}")

    async def submit_modal(
        self,
        user: Any,
        interaction: FakeInteraction,
        values: Mapping[str, Any],
        *,
        guild: Any = _SAME,
        channel: Any = None,
    ) -> FakeInteraction:
        """Fill in and submit the modal the bot opened in answer to ``interaction``.

        ``values`` is keyed by a field's custom_id or its label. Text inputs take str,
        selects / checkbox groups a list, a checkbox a bool, radio groups a str, file uploads
        a list of FakeAttachment. A string select left out submits its default options, as
        the client pre-selects them. Missing required fields and unknown keys raise
        :class:`EmulatorError`, as the Discord client would not let the user submit.
        """
        modal = interaction.modal
        if modal is None:
            raise EmulatorError(f"the bot did not open a modal for {interaction!r}")
        u = self._user(user)
        if guild is _SAME:
            g = self.guilds.get(interaction.guild_id) if interaction.guild_id else None
            ch = self.channels[interaction.channel_id]
        else:
            g = self._guild(guild) if guild is not None else None
            ch = self._interaction_channel(u, g, channel)
        remaining = dict(values)
        resolved: dict[str, dict[str, Any]] = {}
        out: list[dict[str, Any]] = []
        for comp in modal.get("components") or []:
            ctype = comp.get("type")
            if ctype == 1:
                inner = [self._modal_field(c, c.get("label"), remaining, resolved, g) for c in comp["components"]]
                out.append({"type": 1, "id": comp.get("id"), "components": inner})
            elif ctype == 18:
                child = self._modal_field(comp["component"], comp.get("label"), remaining, resolved, g)
                out.append({"type": 18, "id": comp.get("id"), "component": child})
            elif ctype == 10:
                out.append({"type": 10, "id": comp.get("id")})
        if remaining:
            raise EmulatorError(
                f"modal {modal.get('title')!r} has no field(s) {sorted(remaining)}; "
                f"fields: {self._modal_field_names(modal)}"
            )
        data: dict[str, Any] = {"custom_id": modal["custom_id"], "components": out}
        if resolved:
            data["resolved"] = resolved
        source = self.messages.get(interaction.source_message_id) if interaction.source_message_id else None
        return self._send_interaction(
            InteractionType.MODAL_SUBMIT,
            data,
            u,
            g,
            ch,
            message=source,
            name=f"modal {modal.get('title')}",
        )

    # ==================================================================================
    # Playing users: messages
    # ==================================================================================

    async def send_dm(
        self,
        user: Any,
        content: str = "",
        *,
        attachments: Sequence[FakeAttachment] = (),
        voice: bool | None = None,
    ) -> FakeMessage:
        """``user`` writes to the bot in DMs (MESSAGE_CREATE in the DM channel, no guild_id).

        ``voice=None`` marks the message as a voice message (flag 8192) when an attachment has
        ``duration_secs``.
        """
        u = self._user(user)
        return self._user_message(u, self.dm_channel(u), content, attachments, voice)

    async def send_message(
        self,
        user: Any,
        channel: Any,
        content: str = "",
        *,
        attachments: Sequence[FakeAttachment] = (),
    ) -> FakeMessage:
        """``user`` posts in a guild channel. Without the MESSAGE_CONTENT intent the bot gets
        empty content unless it is mentioned (as with real Discord)."""
        u = self._user(user)
        ch = self._channel(channel)
        if ch.guild_id is not None:
            self.guilds[ch.guild_id].member(u)
        return self._user_message(u, ch, content, attachments, False)

    # ==================================================================================
    # Gateway control
    # ==================================================================================

    async def disconnect_gateway(self, resume: bool = True, *, via: str = "close", hold: bool = False) -> None:
        """Drop the bot's gateway connection.

        * ``resume=True, via="close"``: close the socket with code 4000; the bot reconnects
          and RESUMEs (op 6); events dispatched meanwhile are replayed, then RESUMED.
        * ``resume=True, via="reconnect"``: send op 7 RECONNECT; same outcome.
        * ``resume=False``: send op 9 INVALID_SESSION (d=false); the bot re-identifies and
          events dispatched meanwhile are lost, as on Discord.
        * ``hold=True``: new connections get no HELLO until :meth:`release_gateway`, so a test
          can dispatch events deterministically while the bot is disconnected.

        Returns once the old socket is closed.
        """
        session = self._session
        if session is None or session.conn is None:
            raise EmulatorError("the bot is not connected to the gateway")
        conn = session.conn
        if hold:
            self._gateway_gate.clear()
        session.conn = None
        if not resume:
            session.invalid = True
            self._ready.clear()
            conn.send_op(9, False)
        elif via == "reconnect":
            conn.send_op(7, None)
        elif via == "close":
            conn.enqueue(_Outgoing(text="", close_code=4000))
        else:
            raise EmulatorError(f"via must be 'close' or 'reconnect', not {via!r}")
        try:
            await asyncio.wait_for(conn.finished.wait(), 5.0)
        except TimeoutError:
            raise TimeoutError("the bot did not close the old gateway connection within 5s") from None

    def release_gateway(self) -> None:
        """Let held connections (``disconnect_gateway(hold=True)``) proceed."""
        self._gateway_gate.set()

    @property
    def connected(self) -> bool:
        return self._session is not None and self._session.conn is not None and not self._session.invalid

    # ==================================================================================
    # Internals: lookups
    # ==================================================================================

    def _user(self, user: Any) -> FakeUser:
        if isinstance(user, FakeUser):
            self.users.setdefault(user.id, user)
            return user
        user_id = _as_id(user)
        try:
            return self.users[user_id]
        except KeyError:
            raise EmulatorError(f"unknown user {user_id}") from None

    def _guild(self, guild: Any) -> FakeGuild:
        if isinstance(guild, FakeGuild):
            return guild
        guild_id = _as_id(guild)
        try:
            return self.guilds[guild_id]
        except KeyError:
            raise EmulatorError(f"unknown guild {guild_id}") from None

    def _channel(self, channel: Any) -> FakeChannel:
        if isinstance(channel, FakeChannel):
            return channel
        channel_id = _as_id(channel)
        try:
            return self.channels[channel_id]
        except KeyError:
            raise EmulatorError(f"unknown channel {channel_id}") from None

    def _message(self, message: Any) -> FakeMessage:
        if isinstance(message, FakeMessage):
            return message
        return self.get_message(_as_id(message))

    def _role(self, guild: FakeGuild, role: Any) -> FakeRole:
        if isinstance(role, FakeRole):
            return role
        if isinstance(role, str) and not role.isdigit():
            return guild.role(role)
        role_id = _as_id(role)
        for r in guild.roles:
            if r.id == role_id:
                return r
        raise EmulatorError(f"guild {guild.name!r} has no role {role_id}")

    def _interaction_channel(self, user: FakeUser, guild: FakeGuild | None, channel: Any) -> FakeChannel:
        if guild is None:
            if channel is not None:
                ch = self._channel(channel)
                if not ch.is_dm:
                    raise EmulatorError("a guild channel needs guild=")
                return ch
            return self.dm_channel(user)
        guild.member(user)
        ch = self._channel(channel) if channel is not None else guild.general
        if ch.guild_id != guild.id:
            raise EmulatorError(f"channel {ch.name!r} is not in guild {guild.name!r}")
        return ch

    # ==================================================================================
    # Internals: commands
    # ==================================================================================

    def _find_command(self, root: str, guild: FakeGuild | None) -> tuple[dict[str, Any] | None, str]:
        if guild is not None:
            for cmd in self.registered_commands.get(guild.id, []):
                if cmd["name"] == root and cmd.get("type", 1) == 1:
                    return cmd, "guild"
        for cmd in self.registered_commands.get("global", []):
            if cmd["name"] == root and cmd.get("type", 1) == 1:
                return cmd, "global"
        return None, "global"

    def _unknown_command_message(self, root: str, guild: FakeGuild | None) -> str:
        visible = [c["name"] for c in self.registered_commands.get("global", [])]
        if guild is not None:
            visible += [c["name"] for c in self.registered_commands.get(guild.id, [])]
        where = f"guild {guild.name!r}" if guild else "DMs"
        return (
            f"/{root} is not synced for {where} (synced: {sorted(set(visible))}). Sync the tree "
            "(await bot.tree.sync()) or set emu.require_synced_commands = False."
        )

    def _check_command_visible(
        self, command: dict[str, Any], user: FakeUser, guild: FakeGuild | None, name: str
    ) -> None:
        context = 0 if guild is not None else 1
        contexts = command.get("contexts")
        if contexts is not None and context not in contexts:
            raise EmulatorError(
                f"/{name} is not available in {'guilds' if context == 0 else 'DMs'} (contexts={contexts})"
            )
        if guild is None and command.get("dm_permission") is False:
            raise EmulatorError(f"/{name} is not available in DMs (dm_permission=False)")
        required = command.get("default_member_permissions")
        if guild is not None and required is not None:
            have = self.member_permissions(guild, user)
            need = int(required)
            if (need == 0 and have != Perm.ALL) or (have & need) != need:
                raise EmulatorError(
                    f"/{name} is hidden from {user.username}: needs permissions {need}, has {have} "
                    "(set emu.enforce_command_permissions = False to invoke it anyway)"
                )

    def _build_command_options(
        self,
        command: dict[str, Any] | None,
        parts: list[str],
        values: dict[str, Any],
        guild: FakeGuild | None,
        *,
        autocomplete: str | None,
    ) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        resolved: dict[str, dict[str, Any]] = {}
        schema: list[dict[str, Any]] | None = command.get("options", []) if command else None
        wrappers: list[tuple[int, str]] = []
        for i, part in enumerate(parts[1:]):
            if schema is None:
                wrappers.append((2 if len(parts) == 3 and i == 0 else 1, part))
                continue
            sub = next((o for o in schema if o["name"] == part and o.get("type") in (1, 2)), None)
            if sub is None:
                known = [o["name"] for o in schema if o.get("type") in (1, 2)]
                raise EmulatorError(f"/{' '.join(parts[: i + 1])} has no subcommand {part!r} (has {known})")
            wrappers.append((sub["type"], part))
            schema = sub.get("options", []) or []
        if schema is not None and any(o.get("type") in (1, 2) for o in schema):
            subs = [o["name"] for o in schema if o.get("type") in (1, 2)]
            raise EmulatorError(f"/{' '.join(parts)} is a group; name one of its subcommands {subs}")
        leaf: list[dict[str, Any]] = []
        for opt_name, value in values.items():
            spec = None
            if schema is not None:
                spec = next((o for o in schema if o["name"] == opt_name), None)
                if spec is None:
                    raise EmulatorError(
                        f"/{' '.join(parts)} has no option {opt_name!r} (has {[o['name'] for o in schema]})"
                    )
            if autocomplete is not None:
                otype = spec["type"] if spec else 3
                entry: dict[str, Any] = {"name": opt_name, "type": otype, "value": value}
                if opt_name == autocomplete:
                    entry["focused"] = True
                leaf.append(entry)
                continue
            leaf.append(self._command_option(opt_name, value, spec, resolved, guild, " ".join(parts)))
        if schema is not None and autocomplete is None:
            missing = [o["name"] for o in schema if o.get("required") and o["name"] not in values]
            if missing:
                raise EmulatorError(f"/{' '.join(parts)} is missing required option(s) {missing}")
        options = leaf
        for wtype, wname in reversed(wrappers):
            options = [{"type": wtype, "name": wname, "options": options}]
        return options, resolved

    def _command_option(
        self,
        name: str,
        value: Any,
        spec: dict[str, Any] | None,
        resolved: dict[str, dict[str, Any]],
        guild: FakeGuild | None,
        command: str,
    ) -> dict[str, Any]:
        otype = spec["type"] if spec else self._infer_option_type(value)
        where = f"/{command} option {name!r}"
        if otype == 3:
            if not isinstance(value, str):
                raise EmulatorError(f"{where} takes a string, got {value!r}")
            if spec:
                if spec.get("min_length") is not None and len(value) < spec["min_length"]:
                    raise EmulatorError(f"{where} must be at least {spec['min_length']} characters")
                if spec.get("max_length") is not None and len(value) > spec["max_length"]:
                    raise EmulatorError(f"{where} must be at most {spec['max_length']} characters")
            out: Any = value
        elif otype in (4, 10):
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (otype == 4 and isinstance(value, float))
            ):
                raise EmulatorError(f"{where} takes {'an integer' if otype == 4 else 'a number'}, got {value!r}")
            if spec:
                if spec.get("min_value") is not None and value < spec["min_value"]:
                    raise EmulatorError(f"{where} must be >= {spec['min_value']}")
                if spec.get("max_value") is not None and value > spec["max_value"]:
                    raise EmulatorError(f"{where} must be <= {spec['max_value']}")
            out = value
        elif otype == 5:
            if not isinstance(value, bool):
                raise EmulatorError(f"{where} takes a bool, got {value!r}")
            out = value
        elif otype == 6 or (otype == 9 and not isinstance(value, FakeRole)):
            user = self._user(value)
            self._resolve_user(user, guild, resolved)
            out = str(user.id)
        elif otype in (8, 9):
            if guild is None:
                raise EmulatorError(f"{where}: roles only exist in guilds")
            role = self._role(guild, value)
            resolved.setdefault("roles", {})[str(role.id)] = role.payload()
            out = str(role.id)
        elif otype == 7:
            ch = self._channel(value)
            resolved.setdefault("channels", {})[str(ch.id)] = self._resolved_channel(ch)
            out = str(ch.id)
        elif otype == 11:
            if not isinstance(value, FakeAttachment):
                raise EmulatorError(f"{where} takes a FakeAttachment, got {value!r}")
            att = self._store_attachment(value, ephemeral=True)
            resolved.setdefault("attachments", {})[str(att.id)] = att.payload()
            out = str(att.id)
        else:
            raise EmulatorError(f"{where}: unsupported option type {otype}")
        choices = (spec or {}).get("choices")
        if choices and out not in [c["value"] for c in choices]:
            raise EmulatorError(f"{where} must be one of {[c['value'] for c in choices]}, got {out!r}")
        return {"name": name, "type": otype, "value": out}

    @staticmethod
    def _infer_option_type(value: Any) -> int:
        if isinstance(value, bool):
            return 5
        if isinstance(value, int):
            return 4
        if isinstance(value, float):
            return 10
        if isinstance(value, str):
            return 3
        if isinstance(value, FakeUser):
            return 6
        if isinstance(value, FakeRole):
            return 8
        if isinstance(value, FakeChannel):
            return 7
        if isinstance(value, FakeAttachment):
            return 11
        raise EmulatorError(f"cannot infer an option type for {value!r}")

    def _resolve_user(self, user: FakeUser, guild: FakeGuild | None, resolved: dict[str, dict[str, Any]]) -> None:
        resolved.setdefault("users", {})[str(user.id)] = user.payload()
        if guild is not None and user.id in guild.members:
            member = guild.members[user.id].payload(permissions=self.member_permissions(guild, user), with_user=False)
            resolved.setdefault("members", {})[str(user.id)] = member

    def _resolved_channel(self, ch: FakeChannel) -> dict[str, Any]:
        data = ch.payload()
        data.setdefault("name", ch.name)
        perms = self.member_permissions(ch.guild_id, self.bot_user) if ch.guild_id else Perm.DEFAULT_EVERYONE
        data["permissions"] = str(perms)
        return data

    # ==================================================================================
    # Internals: interactions
    # ==================================================================================

    def _component_interaction(
        self, user: Any, msg: FakeMessage, data: dict[str, Any], *, name: str
    ) -> FakeInteraction:
        u = self._user(user)
        ch = self.channels[msg.channel_id]
        guild = self.guilds.get(ch.guild_id) if ch.guild_id is not None else None
        if msg.ephemeral and msg.interaction_user_id not in (None, u.id):
            raise EmulatorError("only the user who received an ephemeral message can use its components")
        if ch.is_dm and ch.recipient is not None and ch.recipient.id != u.id:
            raise EmulatorError(f"{u.username} cannot see {ch.recipient.username}'s DMs")
        return self._send_interaction(InteractionType.MESSAGE_COMPONENT, data, u, guild, ch, message=msg, name=name)

    def _select_values(
        self, comp: dict[str, Any], values: Sequence[Any], guild: FakeGuild | None
    ) -> tuple[list[str], dict[str, dict[str, Any]]]:
        if isinstance(values, str | bytes):
            values = [values]
        low = comp.get("min_values", 1)
        high = comp.get("max_values", 1)
        if not low <= len(values) <= high:
            raise EmulatorError(f"select {comp.get('custom_id')!r} takes {low}..{high} values, got {len(values)}")
        resolved: dict[str, dict[str, Any]] = {}
        if comp["type"] == 3:
            allowed = [o["value"] for o in comp.get("options") or []]
            for v in values:
                if v not in allowed:
                    raise EmulatorError(f"select {comp.get('custom_id')!r} has no option {v!r} (options: {allowed})")
            return [str(v) for v in values], resolved
        picked: list[str] = []
        for v in values:
            if comp["type"] in (5, 7) and isinstance(v, FakeUser | int):
                self._resolve_user(self._user(v), guild, resolved)
                picked.append(str(_as_id(v)))
            elif comp["type"] in (6, 7) and isinstance(v, FakeRole):
                resolved.setdefault("roles", {})[str(v.id)] = v.payload()
                picked.append(str(v.id))
            elif comp["type"] == 8:
                ch = self._channel(v)
                resolved.setdefault("channels", {})[str(ch.id)] = self._resolved_channel(ch)
                picked.append(str(ch.id))
            else:
                raise EmulatorError(f"value {v!r} does not fit select type {comp['type']}")
        return picked, resolved

    @staticmethod
    def _modal_field_names(modal: dict[str, Any]) -> list[str]:
        names = []
        for comp in modal.get("components") or []:
            children = comp.get("components") or ([comp["component"]] if comp.get("component") else [])
            for child in children:
                names.append(f"{child.get('custom_id')} ({comp.get('label') or child.get('label')})")
        return names

    def _modal_field(
        self,
        comp: dict[str, Any],
        label: str | None,
        remaining: dict[str, Any],
        resolved: dict[str, dict[str, Any]],
        guild: FakeGuild | None,
    ) -> dict[str, Any]:
        custom_id = comp.get("custom_id")
        key = custom_id if custom_id in remaining else (label if label in remaining else None)
        provided = key is not None
        value = remaining.pop(key) if key is not None else None
        ctype = comp.get("type")
        where = f"modal field {label or custom_id!r}"
        out: dict[str, Any] = {"type": ctype, "id": comp.get("id"), "custom_id": custom_id}
        if ctype == 4:
            text = value if provided else (comp.get("value") or "")
            if not isinstance(text, str):
                raise EmulatorError(f"{where} takes a string, got {text!r}")
            if comp.get("required", True) and not text:
                raise EmulatorError(f"{where} is required")
            if text and comp.get("min_length") and len(text) < comp["min_length"]:
                raise EmulatorError(f"{where} needs at least {comp['min_length']} characters")
            if comp.get("max_length") is not None and len(text) > comp["max_length"]:
                raise EmulatorError(f"{where} allows at most {comp['max_length']} characters, got {len(text)}")
            out["value"] = text
        elif ctype in (3, 5, 6, 7, 8):
            picked: Any = value if provided and value is not None else []
            if not provided and ctype == 3:
                # The client shows a string select's default options as picked, and submits them.
                picked = [o["value"] for o in comp.get("options") or [] if o.get("default")]
            if not picked and comp.get("required", True):
                raise EmulatorError(f"{where} is required")
            if picked:
                out["values"], extra = self._select_values(comp, picked, guild)
                for k, v in extra.items():
                    resolved.setdefault(k, {}).update(v)
            else:
                out["values"] = []
        elif ctype == 19:
            files = list(value or [])
            if not files and comp.get("required", True):
                raise EmulatorError(f"{where} is required")
            ids = []
            for f in files:
                att = self._store_attachment(f, ephemeral=True)
                resolved.setdefault("attachments", {})[str(att.id)] = att.payload()
                ids.append(str(att.id))
            out["values"] = ids
        elif ctype == 21:
            out["value"] = value
        elif ctype == 22:
            out["values"] = list(value or [])
        elif ctype == 23:
            out["value"] = bool(value)
        else:
            raise EmulatorError(f"{where}: unsupported component type {ctype}")
        return out

    def _send_interaction(
        self,
        itype: int,
        data: dict[str, Any],
        user: FakeUser,
        guild: FakeGuild | None,
        channel: FakeChannel,
        *,
        message: FakeMessage | None = None,
        name: str | None = None,
        locale: str | None = None,
    ) -> FakeInteraction:
        if self._session is None:
            raise EmulatorError("no bot has identified yet: await emu.wait_until_ready() first")
        ix_id = self._snowflake()
        token = f"ixtok.{ix_id}.{secrets.token_urlsafe(24)}"
        locale = locale or user.locale
        payload: dict[str, Any] = {
            "id": str(ix_id),
            "application_id": str(self.application_id),
            "type": itype,
            "data": data,
            "token": token,
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(guild.id) if guild else "0"},
            "context": 0 if guild is not None else 1,
            "attachment_size_limit": self.attachment_size_limit,
            "channel_id": str(channel.id),
            "channel": channel.payload(),
        }
        if guild is not None:
            member = guild.member(user)
            payload["guild_id"] = str(guild.id)
            payload["guild"] = {"id": str(guild.id), "locale": guild.locale, "features": []}
            payload["guild_locale"] = guild.locale
            payload["member"] = member.payload(permissions=self.member_permissions(guild, user))
            payload["app_permissions"] = str(self.member_permissions(guild, self.bot_user))
            if not channel.bot_can_send:
                payload["app_permissions"] = str(int(payload["app_permissions"]) & ~Perm.SEND_MESSAGES)
        else:
            payload["user"] = user.payload()
            payload["app_permissions"] = str(Perm.DEFAULT_BOT)
        if message is not None:
            payload["message"] = message.payload()
        ix = FakeInteraction(
            self,
            id=ix_id,
            token=token,
            type=itype,
            user=user,
            guild_id=guild.id if guild else None,
            channel_id=channel.id,
            payload=payload,
            name=name,
            source_message_id=message.id if message else None,
        )
        self.interactions[ix_id] = ix
        self._ix_by_token[token] = ix

        def on_send(moment: float) -> None:
            if ix.sent_at is None:
                ix.sent_at = moment

        self._dispatch("INTERACTION_CREATE", payload, on_send=on_send)
        return ix

    # ==================================================================================
    # Internals: messages and attachments
    # ==================================================================================

    def _store_attachment(self, att: FakeAttachment, *, ephemeral: bool = False) -> FakeAttachment:
        stored = FakeAttachment(
            filename=att.filename,
            content=att.content,
            content_type=att.content_type,
            description=att.description,
            duration_secs=att.duration_secs,
            waveform=att.waveform or (_DEFAULT_WAVEFORM if att.duration_secs is not None else None),
            ephemeral=ephemeral,
        )
        stored.id = self._snowflake()
        stored.url = f"{self.http_base}/attachments/{stored.id}/{urllib.parse.quote(att.filename)}"
        self.attachments[stored.id] = stored
        return stored

    def _store_message(self, msg: FakeMessage) -> FakeMessage:
        self.messages[msg.id] = msg
        self._channel_message_ids.setdefault(msg.channel_id, []).append(msg.id)
        return msg

    def _user_message(
        self,
        user: FakeUser,
        channel: FakeChannel,
        content: str,
        attachments: Sequence[FakeAttachment],
        voice: bool | None,
    ) -> FakeMessage:
        if self._session is None:
            raise EmulatorError("no bot has identified yet: await emu.wait_until_ready() first")
        stored = [self._store_attachment(a) for a in attachments]
        if voice is None:
            voice = any(a.duration_secs is not None for a in stored)
        msg = FakeMessage(
            id=self._snowflake(),
            channel_id=channel.id,
            author=user,
            content=content,
            attachments=stored,
            guild_id=channel.guild_id,
            flags=MessageFlag.VOICE_MESSAGE if voice else 0,
        )
        self._store_message(msg)
        self._dispatch_message("MESSAGE_CREATE", msg)
        return msg

    def _normalize_components(self, components: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Copy components and give each a numeric ``id`` like Discord does."""
        result = copy.deepcopy(components)
        counter = 0

        def walk(items: list[dict[str, Any]]) -> None:
            nonlocal counter
            for comp in items:
                counter += 1
                comp.setdefault("id", counter)
                walk(comp.get("components") or [])
                for key in ("accessory", "component"):
                    if isinstance(comp.get(key), dict):
                        walk([comp[key]])

        walk(result)
        return result

    @staticmethod
    def _normalize_embeds(embeds: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = copy.deepcopy(embeds)
        for embed in result:
            embed.setdefault("type", "rich")
        return result

    def _attachments_for(
        self,
        body: Mapping[str, Any],
        files: Sequence[FakeAttachment],
        existing: Sequence[FakeAttachment],
        ephemeral: bool,
    ) -> list[FakeAttachment]:
        """Resolve ``attachments`` (new ones by file index, kept ones by id) like Discord."""
        by_index = {int(getattr(f, "_index", i)): f for i, f in enumerate(files)}
        if "attachments" not in body or body["attachments"] is None:
            kept = list(existing)
            return kept + [self._store_attachment(f, ephemeral=ephemeral) for f in files]
        result: list[FakeAttachment] = []
        old = {a.id: a for a in existing}
        for entry in body["attachments"]:
            att_id = int(entry.get("id"))
            if att_id in old:
                result.append(old[att_id])
            elif att_id in by_index:
                src = by_index[att_id]
                if entry.get("filename"):
                    src = FakeAttachment(
                        filename=entry["filename"],
                        content=src.content,
                        content_type=src.content_type,
                    )
                src.description = entry.get("description", src.description)
                result.append(self._store_attachment(src, ephemeral=ephemeral))
            else:
                raise _ApiError(
                    400,
                    ERR_INVALID_FORM_BODY,
                    "Invalid Form Body",
                    {
                        "attachments": {
                            "_errors": [
                                {
                                    "code": "ATTACHMENT_NOT_FOUND",
                                    "message": f"Unknown attachment {att_id}",
                                }
                            ]
                        }
                    },
                )
        return result

    def _new_message(
        self,
        channel: FakeChannel,
        body: Mapping[str, Any],
        files: Sequence[FakeAttachment],
        *,
        flags: int = 0,
        interaction: FakeInteraction | None = None,
        message_type: int = 0,
    ) -> FakeMessage:
        ephemeral = bool(flags & MessageFlag.EPHEMERAL)
        msg = FakeMessage(
            id=self._snowflake(),
            channel_id=channel.id,
            author=self.bot_user,
            content=body.get("content") or "",
            embeds=self._normalize_embeds(body.get("embeds") or []),
            components=self._normalize_components(body.get("components") or []),
            attachments=self._attachments_for(body, files, [], ephemeral),
            flags=flags,
            allowed_mentions=copy.deepcopy(body.get("allowed_mentions")),
            guild_id=channel.guild_id,
            tts=bool(body.get("tts")),
            message_reference=body.get("message_reference"),
            message_type=message_type,
        )
        if interaction is not None:
            msg.interaction_id = interaction.id
            msg.interaction_user = interaction.user
            msg.interaction_type = interaction.type
            msg.application_id = self.application_id
            msg.webhook_id = self.application_id
        self._store_message(msg)
        self._dispatch_message("MESSAGE_CREATE", msg)
        return msg

    def _edit_message(self, msg: FakeMessage, body: Mapping[str, Any], files: Sequence[FakeAttachment]) -> FakeMessage:
        was_loading = msg.loading
        msg.history.append(msg.payload())
        if "content" in body:
            msg.content = body["content"] or ""
        if "embeds" in body:
            msg.embeds = self._normalize_embeds(body["embeds"] or [])
        if "components" in body:
            msg.components = self._normalize_components(body["components"] or [])
        if "allowed_mentions" in body:
            msg.allowed_mentions = copy.deepcopy(body["allowed_mentions"])
        if "attachments" in body or files:
            msg.attachments = self._attachments_for(body, files, msg.attachments, msg.ephemeral)
        if body.get("flags") is not None:
            keep = MessageFlag.SUPPRESS_EMBEDS
            msg.flags = (msg.flags & ~keep) | (int(body["flags"]) & keep)
        msg.flags &= ~MessageFlag.LOADING
        if not was_loading:
            msg.edited_at = _now()
        self._dispatch_message("MESSAGE_UPDATE", msg)
        return msg

    def _delete_message(self, msg: FakeMessage) -> None:
        msg.deleted = True
        if not msg.ephemeral:
            data = {"id": str(msg.id), "channel_id": str(msg.channel_id)}
            if msg.guild_id:
                data["guild_id"] = str(msg.guild_id)
            intent = Intent.GUILD_MESSAGES if msg.guild_id else Intent.DIRECT_MESSAGES
            self._dispatch("MESSAGE_DELETE", data, intent=intent)

    def _dispatch_message(self, event: str, msg: FakeMessage) -> None:
        if msg.ephemeral or self._session is None:
            return
        intent = Intent.GUILD_MESSAGES if msg.guild_id else Intent.DIRECT_MESSAGES
        payload = msg.payload()
        if msg.guild_id is not None:
            guild = self.guilds[msg.guild_id]
            if msg.author.id in guild.members:
                payload["member"] = guild.members[msg.author.id].payload(with_user=False)
            content_visible = (
                self._session.intents & Intent.MESSAGE_CONTENT
                or msg.author.id == self.bot_user.id
                or self.bot_user.mention in msg.content
            )
            if not content_visible:
                payload.update(content="", embeds=[], attachments=[], components=[])
        self._dispatch(event, payload, intent=intent)

    # ==================================================================================
    # Internals: gateway
    # ==================================================================================

    def _dispatch(
        self,
        event: str,
        data: Any,
        *,
        intent: int | None = None,
        on_send: Callable[[float], None] | None = None,
    ) -> None:
        """Queue a dispatch (op 0) for the bot; kept in the session log for RESUME replays."""
        session = self._session
        if session is None:
            return
        if intent is not None and not session.intents & intent:
            self.dropped_events.append((event, f"bot did not request intent {intent}"))
            log.warning("not dispatching %s: the bot did not identify with intent %s", event, intent)
            return
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        item = _Outgoing(text=json.dumps(frame, separators=(",", ":")), seq=session.seq, on_send=on_send)
        session.log.append(item)
        if session.conn is not None:
            session.conn.enqueue(item)

    async def _handle_gateway(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        conn = _GatewayConnection(ws)
        self._connections.add(conn)
        try:
            await self._gateway_gate.wait()
            conn.send_op(10, {"heartbeat_interval": self.heartbeat_interval_ms})
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    try:
                        frame = json.loads(msg.data)
                    except json.JSONDecodeError:
                        log.error("gateway: undecodable frame %r", msg.data[:200])
                        await ws.close(code=4002)
                        break
                    self._on_gateway_frame(conn, frame)
                elif msg.type == WSMsgType.BINARY:
                    log.error("gateway: unexpected binary frame")
                    await ws.close(code=4002)
                    break
                elif msg.type == WSMsgType.ERROR:
                    break
        finally:
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
            conn.enqueue(None)
            with contextlib.suppress(Exception):
                await conn.writer
            self._connections.discard(conn)
            conn.finished.set()
        return ws

    def _on_gateway_frame(self, conn: _GatewayConnection, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        d = frame.get("d")
        redacted = copy.deepcopy(frame)
        if isinstance(redacted.get("d"), dict) and "token" in redacted["d"]:
            redacted["d"]["token"] = "<redacted>"
        self.gateway_received.append(redacted)
        if op == 1:
            conn.send_op(11, None)
        elif op == 2:
            self._identify(conn, d or {})
        elif op == 6:
            self._resume(conn, d or {})
        elif op == 8:
            self._request_members(conn, d or {})
        elif op in (3, 4):
            pass  # presence / voice state updates: accepted and ignored
        else:
            log.warning("gateway: unhandled op %s", op)

    def _identify(self, conn: _GatewayConnection, d: dict[str, Any]) -> None:
        if d.get("token") != self.token:
            conn.enqueue(_Outgoing(text="", close_code=4004))
            return
        intents = int(d.get("intents", 0))
        denied = intents & Intent.PRIVILEGED & ~self.privileged_intents_allowed
        if denied:
            log.error("gateway: privileged intents %s not enabled for this application", denied)
            conn.enqueue(_Outgoing(text="", close_code=4014))
            return
        self.identify_count += 1
        self._ready.clear()
        session = _GatewaySession(session_id=secrets.token_hex(16), intents=intents, shard=d.get("shard"))
        if self._session is not None:
            self._session.conn = None
        self._session = session
        session.conn = conn
        conn.session = session
        app_flags = 0
        if self.privileged_intents_allowed & Intent.GUILD_PRESENCES:
            app_flags |= 1 << 12
        if self.privileged_intents_allowed & Intent.GUILD_MEMBERS:
            app_flags |= 1 << 14
        if self.privileged_intents_allowed & Intent.MESSAGE_CONTENT:
            app_flags |= 1 << 18
        ready = {
            "v": API_VERSION,
            "user": {**self.bot_user.payload(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in self.guilds.values()],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": app_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
            "shard": session.shard or [0, 1],
        }
        guilds = list(self.guilds.values())
        ready_event = self._ready

        def mark_ready(_: float) -> None:
            ready_event.set()

        self._dispatch("READY", ready, on_send=None if guilds else mark_ready)
        for i, guild in enumerate(guilds):
            last = i == len(guilds) - 1
            self._dispatch(
                "GUILD_CREATE",
                self._guild_create_payload(guild),
                on_send=mark_ready if last else None,
            )

    def _resume(self, conn: _GatewayConnection, d: dict[str, Any]) -> None:
        session = self._session
        if (
            session is None
            or session.invalid
            or d.get("session_id") != session.session_id
            or d.get("token") != self.token
        ):
            conn.send_op(9, False)
            return
        self.resume_count += 1
        session.conn = conn
        conn.session = session
        last_seq = d.get("seq") or 0
        for item in session.log:
            if item.seq is not None and item.seq > last_seq:
                conn.enqueue(item)
        self._dispatch("RESUMED", {})

    def _request_members(self, conn: _GatewayConnection, d: dict[str, Any]) -> None:
        guild = self.guilds.get(int(d.get("guild_id", 0)))
        if guild is None:
            return
        wanted = {int(u) for u in d.get("user_ids") or []}
        query = (d.get("query") or "").lower()
        members = [
            m.payload()
            for m in guild.members.values()
            if (not wanted or m.user.id in wanted) and m.user.username.lower().startswith(query)
        ]
        limit = d.get("limit") or 0
        if limit:
            members = members[:limit]
        self._dispatch(
            "GUILD_MEMBERS_CHUNK",
            {
                "guild_id": str(guild.id),
                "members": members,
                "chunk_index": 0,
                "chunk_count": 1,
                "nonce": d.get("nonce"),
                "not_found": [],
            },
        )

    def _guild_create_payload(self, guild: FakeGuild) -> dict[str, Any]:
        session = self._session
        all_members = list(guild.members.values())
        if session is not None and session.intents & Intent.GUILD_MEMBERS:
            listed = all_members
        else:  # without GUILD_MEMBERS Discord only lists the bot itself
            listed = [m for m in all_members if m.user.id == self.bot_user.id]
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": guild.locale,
            "features": [],
            "roles": [r.payload() for r in guild.roles],
            "emojis": [],
            "stickers": [],
            "system_channel_id": str(guild.general.id),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "max_members": 500000,
            "application_id": None,
            "joined_at": _iso(guild.joined_at),
            "large": False,
            "unavailable": False,
            "member_count": len(listed) if listed is all_members else len(all_members),
            "members": [m.payload() for m in listed],
            "channels": [c.payload() for c in guild.channels],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    # ==================================================================================
    # Internals: HTTP plumbing
    # ==================================================================================

    def _build_routes(self) -> list[tuple[str, re.Pattern[str], Callable[..., Awaitable[Any]]]]:
        table: list[tuple[str, str, Callable[..., Awaitable[Any]]]] = [
            ("GET", "/users/@me", self._r_get_me),
            ("GET", "/users/{user_id}", self._r_get_user),
            ("POST", "/users/@me/channels", self._r_open_dm),
            ("GET", "/oauth2/applications/@me", self._r_get_application),
            ("GET", "/applications/@me", self._r_get_application),
            ("GET", "/gateway", self._r_get_gateway),
            ("GET", "/gateway/bot", self._r_get_gateway),
            ("GET", "/applications/{app_id}/commands", self._r_get_commands),
            ("PUT", "/applications/{app_id}/commands", self._r_put_commands),
            ("POST", "/applications/{app_id}/commands", self._r_post_command),
            ("DELETE", "/applications/{app_id}/commands/{command_id}", self._r_delete_command),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._r_get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._r_put_commands),
            ("POST", "/applications/{app_id}/guilds/{guild_id}/commands", self._r_post_command),
            (
                "DELETE",
                "/applications/{app_id}/guilds/{guild_id}/commands/{command_id}",
                self._r_delete_command,
            ),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._r_callback),
            ("POST", "/webhooks/{app_id}/{token}", self._r_followup),
            (
                "GET",
                "/webhooks/{app_id}/{token}/messages/{message_id}",
                self._r_get_webhook_message,
            ),
            (
                "PATCH",
                "/webhooks/{app_id}/{token}/messages/{message_id}",
                self._r_edit_webhook_message,
            ),
            (
                "DELETE",
                "/webhooks/{app_id}/{token}/messages/{message_id}",
                self._r_delete_webhook_message,
            ),
            ("GET", "/channels/{channel_id}", self._r_get_channel),
            ("POST", "/channels/{channel_id}/typing", self._r_typing),
            ("GET", "/channels/{channel_id}/messages", self._r_list_messages),
            ("POST", "/channels/{channel_id}/messages", self._r_create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._r_get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._r_edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._r_delete_message),
            (
                "PUT",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self._r_add_reaction,
            ),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self._r_remove_reaction,
            ),
            ("GET", "/guilds/{guild_id}", self._r_get_guild),
            ("GET", "/guilds/{guild_id}/roles", self._r_get_roles),
            ("GET", "/guilds/{guild_id}/channels", self._r_get_guild_channels),
            ("GET", "/guilds/{guild_id}/members", self._r_list_members),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._r_get_member),
        ]
        compiled = []
        for method, template, handler in table:
            pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template.replace(".", r"\."))
            compiled.append((method, re.compile(f"^{pattern}$"), handler))
        return compiled

    async def _read_body(self, request: web.Request) -> tuple[Any, list[FakeAttachment]]:
        files: list[FakeAttachment] = []
        if request.content_type == "multipart/form-data":
            form = await request.post()
            payload: Any = None
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    att = FakeAttachment(
                        filename=value.filename,
                        content=value.file.read(),
                        content_type=value.content_type,
                    )
                    match = re.match(r"files\[(\d+)\]", key)
                    att._index = int(match.group(1)) if match else len(files)  # type: ignore[attr-defined]
                    files.append(att)
                elif key == "payload_json":
                    text = value.decode() if isinstance(value, bytes | bytearray) else str(value)
                    payload = json.loads(text)
            return payload, files
        if not request.body_exists:
            return None, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except json.JSONDecodeError:
            raise _ApiError(400, ERR_INVALID_JSON, "The request body contains invalid JSON.") from None

    def _route(self, method: str, path: str) -> tuple[Callable[..., Awaitable[Any]], dict[str, str]] | None:
        for route_method, pattern, handler in self._routes:
            if route_method != method:
                continue
            match = pattern.match(path)
            if match:
                return handler, match.groupdict()
        return None

    @staticmethod
    def _ratelimit_headers(path: str) -> dict[str, str]:
        bucket = hashlib.sha1(re.sub(r"\d{6,}", "{id}", path).encode()).hexdigest()[:16]
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": bucket,
        }

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        arrived = time.perf_counter()
        method = request.method
        path = "/" + request.match_info["tail"]
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        record = RecordedRequest(
            method=method,
            path=path,
            json=None,
            query=dict(request.query),
            files=[],
            at=arrived,
            headers=headers,
        )
        self.requests.append(record)
        response: web.StreamResponse
        try:
            record.json, record.files = await self._read_body(request)
            rule = next((r for r in self._faults if r.matches(method, path)), None)
            if rule is not None:
                rule.hits += 1
                response = rule.response()
                log.info("injected %s for %s %s", rule.status, method, path)
            else:
                needs_auth = not path.startswith(INTERACTION_TOKEN_ROUTES)
                if needs_auth and request.headers.get("Authorization") != f"Bot {self.token}":
                    raise _ApiError(401, 0, "401: Unauthorized")
                found = self._route(method, path)
                if found is None:
                    self.unknown_routes.append(f"{method} {path}")
                    log.error(
                        "DISCORD EMULATOR: no handler for %s %s (body=%s)",
                        method,
                        path,
                        json.dumps(record.json)[:300],
                    )
                    raise _ApiError(
                        404,
                        0,
                        f"404: Not Found (the Discord emulator has no handler for "
                        f"{method} /api/v{API_VERSION}{path}; add one in "
                        "tests/support/discord_emulator.py)",
                    )
                handler, groups = found
                req = _Req(
                    method=method,
                    path=path,
                    query=request.query,
                    json=record.json,
                    files=record.files,
                    arrived=arrived,
                    record=record,
                )
                result = await handler(req, **groups)
                if isinstance(result, web.StreamResponse):
                    response = result
                elif result is None:
                    response = web.Response(status=204, headers=self._ratelimit_headers(path))
                else:
                    record.response = result
                    response = _json_response(result, headers=self._ratelimit_headers(path))
        except _ApiError as exc:
            record.response = exc.body
            response = _json_response(exc.body, status=exc.status)
            self._note_rejection(path, record)
            log.info("%s %s -> %s %s", method, path, exc.status, json.dumps(exc.body)[:300])
        record.status = response.status
        if record.response is None and isinstance(response, web.Response) and response.body:
            with contextlib.suppress(Exception):
                record.response = json.loads(response.body)  # type: ignore[arg-type]
        return response

    def _note_rejection(self, path: str, record: RecordedRequest) -> None:
        match = re.match(r"^/(?:interactions/\d+|webhooks/\d+)/([^/]+)", path)
        if match and match.group(1) in self._ix_by_token:
            ix = self._ix_by_token[match.group(1)]
            ix.rejected.append(record)
            ix._notify()

    async def _handle_unknown(self, request: web.Request) -> web.StreamResponse:
        self.unknown_routes.append(f"{request.method} {request.path}")
        log.error("DISCORD EMULATOR: unknown URL %s %s", request.method, request.path)
        return _json_response(
            {
                "message": f"404: Not Found (Discord emulator: unknown URL {request.path})",
                "code": 0,
            },
            status=404,
        )

    async def _handle_cdn(self, request: web.Request) -> web.StreamResponse:
        self.cdn_requests.append(request.path)
        att = self.attachments.get(int(request.match_info["attachment_id"]))
        if att is None:
            return web.Response(status=404, text="attachment not found")
        return web.Response(body=att.content, content_type=att.content_type or "application/octet-stream")

    # ==================================================================================
    # REST handlers
    # ==================================================================================

    def _check_app(self, app_id: str, *, webhook: bool = False) -> None:
        if app_id != str(self.application_id):
            if webhook:
                raise _ApiError(404, ERR_UNKNOWN_WEBHOOK, "Unknown Webhook")
            raise _ApiError(404, ERR_UNKNOWN_APPLICATION, "Unknown Application")

    def _guild_or_404(self, guild_id: str) -> FakeGuild:
        guild = self.guilds.get(int(guild_id)) if guild_id.isdigit() else None
        if guild is None:
            raise _ApiError(404, ERR_UNKNOWN_GUILD, "Unknown Guild")
        return guild

    def _channel_or_404(self, channel_id: str) -> FakeChannel:
        channel = self.channels.get(int(channel_id)) if channel_id.isdigit() else None
        if channel is None:
            raise _ApiError(404, ERR_UNKNOWN_CHANNEL, "Unknown Channel")
        return channel

    def _channel_message_or_404(self, channel: FakeChannel, message_id: str) -> FakeMessage:
        msg = self.messages.get(int(message_id)) if message_id.isdigit() else None
        if msg is None or msg.deleted or msg.channel_id != channel.id:
            raise _ApiError(404, ERR_UNKNOWN_MESSAGE, "Unknown Message")
        return msg

    async def _r_get_me(self, req: _Req) -> Any:
        return {
            **self.bot_user.payload(),
            "verified": True,
            "mfa_enabled": False,
            "flags": 0,
            "locale": "en-US",
            "email": None,
        }

    async def _r_get_user(self, req: _Req, user_id: str) -> Any:
        user = self.users.get(int(user_id)) if user_id.isdigit() else None
        if user is None:
            raise _ApiError(404, ERR_UNKNOWN_USER, "Unknown User")
        return user.payload()

    async def _r_get_application(self, req: _Req) -> Any:
        return {
            "id": str(self.application_id),
            "name": self.bot_user.username,
            "icon": None,
            "description": "SOAP Coach (Discord emulator)",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.owner_user.payload(),
            "verify_key": "0" * 64,
            "team": None,
            "flags": 0,
            "bot": self.bot_user.payload(),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "approximate_guild_count": len(self.guilds),
        }

    async def _r_get_gateway(self, req: _Req) -> Any:
        return {
            "url": self.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 0,
                "max_concurrency": 1,
            },
        }

    def _scope(self, guild_id: str | None) -> Any:
        if guild_id is None:
            return "global"
        return self._guild_or_404(guild_id).id

    def _register(self, cmd: dict[str, Any], scope: Any, previous: list[dict[str, Any]]) -> dict[str, Any]:
        old = next(
            (c for c in previous if c["name"] == cmd["name"] and c.get("type", 1) == cmd.get("type", 1)),
            None,
        )
        out = {
            "id": old["id"] if old else str(self._snowflake()),
            "application_id": str(self.application_id),
            "version": str(self._snowflake()),
            "type": cmd.get("type", 1),
            "name": cmd["name"],
            "description": cmd.get("description", ""),
            "options": copy.deepcopy(cmd.get("options") or []),
            "default_member_permissions": (
                None if cmd.get("default_member_permissions") is None else str(cmd["default_member_permissions"])
            ),
            "dm_permission": cmd.get("dm_permission", True),
            "nsfw": cmd.get("nsfw", False),
            "contexts": cmd.get("contexts"),
            "integration_types": cmd.get("integration_types", [0]),
            "name_localizations": cmd.get("name_localizations"),
            "description_localizations": cmd.get("description_localizations"),
        }
        if scope != "global":
            out["guild_id"] = str(scope)
        return out

    async def _r_get_commands(self, req: _Req, app_id: str, guild_id: str | None = None) -> Any:
        self._check_app(app_id)
        return copy.deepcopy(self.registered_commands.get(self._scope(guild_id), []))

    async def _r_put_commands(self, req: _Req, app_id: str, guild_id: str | None = None) -> Any:
        self._check_app(app_id)
        scope = self._scope(guild_id)
        _validate_commands(req.json)
        self.commands_synced[scope] = copy.deepcopy(req.json)
        previous = self.registered_commands.get(scope, [])
        self.registered_commands[scope] = [self._register(c, scope, previous) for c in req.json]
        return copy.deepcopy(self.registered_commands[scope])

    async def _r_post_command(self, req: _Req, app_id: str, guild_id: str | None = None) -> Any:
        self._check_app(app_id)
        scope = self._scope(guild_id)
        _validate_commands([req.json])
        previous = self.registered_commands.setdefault(scope, [])
        registered = self._register(req.json, scope, previous)
        previous[:] = [c for c in previous if c["id"] != registered["id"]] + [registered]
        return copy.deepcopy(registered)

    async def _r_delete_command(self, req: _Req, app_id: str, command_id: str, guild_id: str | None = None) -> Any:
        self._check_app(app_id)
        previous = self.registered_commands.get(self._scope(guild_id), [])
        if not any(c["id"] == command_id for c in previous):
            raise _ApiError(404, ERR_UNKNOWN_COMMAND, "Unknown application command")
        previous[:] = [c for c in previous if c["id"] != command_id]
        return None

    # -- interactions ------------------------------------------------------------------

    def _callback_response(self, req: _Req, ix: FakeInteraction, resource: dict[str, Any] | None) -> Any:
        if req.query.get("with_response") not in ("1", "true", "True"):
            return None
        original = ix.original_message
        interaction = {"id": str(ix.id), "type": ix.type}
        if original is not None and ix.callback_type in (4, 5):
            interaction["response_message_id"] = str(original.id)
            interaction["response_message_loading"] = original.loading
            interaction["response_message_ephemeral"] = original.ephemeral
        body: dict[str, Any] = {"interaction": interaction}
        if resource is not None:
            body["resource"] = resource
        return body

    async def _r_callback(self, req: _Req, interaction_id: str, token: str) -> Any:
        ix = self.interactions.get(int(interaction_id)) if interaction_id.isdigit() else None
        if ix is None or ix.token != token:
            raise _ApiError(404, ERR_UNKNOWN_INTERACTION, "Unknown interaction")
        if ix.callback_type is not None:
            raise _ApiError(400, ERR_ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")
        if ix.sent_at is None or req.arrived - ix.sent_at > self.ack_deadline_s:
            ix.late_callbacks += 1
            raise _ApiError(404, ERR_UNKNOWN_INTERACTION, "Unknown interaction")
        body = req.json if isinstance(req.json, dict) else {}
        cb_type = body.get("type")
        data = body.get("data") or {}
        channel = self.channels[ix.channel_id]
        resource: dict[str, Any] | None = None
        has_message = ix.source_message_id is not None
        errors = _FormErrors()

        if cb_type == CallbackType.CHANNEL_MESSAGE:
            if ix.type == InteractionType.AUTOCOMPLETE:
                errors.add(
                    ["type"],
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Invalid response type for autocomplete",
                )
                errors.raise_if_any()
            _validate_message(data, req.files, prefix=["data"], size_limit=self.attachment_size_limit)
            flags = int(data.get("flags") or 0) & (
                MessageFlag.EPHEMERAL
                | MessageFlag.SUPPRESS_EMBEDS
                | MessageFlag.SUPPRESS_NOTIFICATIONS
                | MessageFlag.IS_COMPONENTS_V2
            )
            msg_type = 20 if ix.type == InteractionType.APPLICATION_COMMAND else 0
            msg = self._new_message(channel, data, req.files, flags=flags, interaction=ix, message_type=msg_type)
            ix.original_message_id = msg.id
            ix._original_touched = True
            resource = {"type": cb_type, "message": msg.payload()}
        elif cb_type == CallbackType.DEFERRED_CHANNEL_MESSAGE:
            if ix.type == InteractionType.AUTOCOMPLETE:
                errors.add(
                    ["type"],
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "Invalid response type for autocomplete",
                )
                errors.raise_if_any()
            flags = MessageFlag.LOADING | (int(data.get("flags") or 0) & MessageFlag.EPHEMERAL)
            msg_type = 20 if ix.type == InteractionType.APPLICATION_COMMAND else 0
            msg = self._new_message(channel, {}, [], flags=flags, interaction=ix, message_type=msg_type)
            ix.original_message_id = msg.id
            resource = {"type": cb_type, "message": msg.payload()}
        elif cb_type in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            # Type 6 acknowledges components and modal submits (also modals opened by a slash
            # command, where it simply closes the modal); type 7 needs a message to update.
            allowed = has_message or (
                cb_type == CallbackType.DEFERRED_UPDATE_MESSAGE and ix.type == InteractionType.MODAL_SUBMIT
            )
            if not allowed:
                errors.add(
                    ["type"],
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "This response type is only valid for component (or component-modal) interactions",
                )
                errors.raise_if_any()
            if ix.source_message_id is not None:
                msg = self.messages[ix.source_message_id]
                ix.original_message_id = msg.id
                if cb_type == CallbackType.UPDATE_MESSAGE:
                    _validate_message(
                        data,
                        req.files,
                        prefix=["data"],
                        existing=msg,
                        size_limit=self.attachment_size_limit,
                    )
                    self._edit_message(msg, data, req.files)
                    ix._original_touched = True
                    resource = {"type": cb_type, "message": msg.payload()}
        elif cb_type == CallbackType.AUTOCOMPLETE_RESULT:
            if ix.type != InteractionType.AUTOCOMPLETE:
                errors.add(["type"], "INTERACTION_RESPONSE_TYPE_INVALID", "Only valid for autocomplete")
            choices = data.get("choices") or []
            _validate_choice_list(choices, errors, ["data", "choices"])
            errors.raise_if_any()
            ix.choices = copy.deepcopy(choices)
        elif cb_type == CallbackType.MODAL:
            if ix.type in (InteractionType.MODAL_SUBMIT, InteractionType.AUTOCOMPLETE):
                errors.add(
                    ["type"],
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    "A modal cannot answer a modal submit or an autocomplete",
                )
            _validate_modal(data, errors)
            errors.raise_if_any()
            ix.modal = copy.deepcopy(data)
        else:
            errors.add(
                ["type"],
                "INTERACTION_RESPONSE_TYPE_INVALID",
                f"Unsupported interaction response type {cb_type}",
            )
            errors.raise_if_any()

        ix.callback_at = req.arrived
        ix.callback_type = cb_type
        ix.callback_data = copy.deepcopy(data)
        ix._notify()
        return self._callback_response(req, ix, resource)

    def _interaction_for_token(self, app_id: str, token: str) -> FakeInteraction:
        self._check_app(app_id, webhook=True)
        ix = self._ix_by_token.get(token)
        if ix is None:
            raise _ApiError(404, ERR_UNKNOWN_WEBHOOK, "Unknown Webhook")
        if self.token_expired(ix):
            raise _ApiError(401, ERR_INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")
        return ix

    def _webhook_message(self, ix: FakeInteraction, message_id: str) -> FakeMessage:
        if message_id == "@original":
            target = ix.original_message_id
        else:
            target = int(message_id) if message_id.isdigit() else None
            if target is not None and target != ix.original_message_id and target not in ix.followup_ids:
                target = None
        msg = self.messages.get(target) if target is not None else None
        if msg is None or msg.deleted:
            raise _ApiError(404, ERR_UNKNOWN_MESSAGE, "Unknown Message")
        return msg

    async def _r_followup(self, req: _Req, app_id: str, token: str) -> Any:
        ix = self._interaction_for_token(app_id, token)
        if ix.callback_type is None:
            raise _ApiError(404, ERR_UNKNOWN_WEBHOOK, "Unknown Webhook")
        body = req.json if isinstance(req.json, dict) else {}
        original = ix.original_message
        if (
            ix.callback_type == CallbackType.DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
            and not original.deleted
        ):
            # The first followup after a "thinking" deferral replaces the placeholder; its
            # ephemerality was decided by the deferral.
            _validate_message(body, req.files, prefix=[], size_limit=self.attachment_size_limit)
            msg = self._edit_message(original, {k: v for k, v in body.items() if k != "flags"}, req.files)
            ix._original_touched = True
        else:
            _validate_message(body, req.files, prefix=[], size_limit=self.attachment_size_limit)
            flags = int(body.get("flags") or 0) & (
                MessageFlag.EPHEMERAL
                | MessageFlag.SUPPRESS_EMBEDS
                | MessageFlag.SUPPRESS_NOTIFICATIONS
                | MessageFlag.IS_COMPONENTS_V2
            )
            msg = self._new_message(self.channels[ix.channel_id], body, req.files, flags=flags, interaction=ix)
            ix.followup_ids.append(msg.id)
        ix._notify()
        if req.query.get("wait") in ("1", "true", "True"):
            return msg.payload()
        return None

    async def _r_get_webhook_message(self, req: _Req, app_id: str, token: str, message_id: str) -> Any:
        ix = self._interaction_for_token(app_id, token)
        return self._webhook_message(ix, message_id).payload()

    async def _r_edit_webhook_message(self, req: _Req, app_id: str, token: str, message_id: str) -> Any:
        ix = self._interaction_for_token(app_id, token)
        msg = self._webhook_message(ix, message_id)
        body = req.json if isinstance(req.json, dict) else {}
        _validate_message(body, req.files, prefix=[], existing=msg, size_limit=self.attachment_size_limit)
        self._edit_message(msg, body, req.files)
        if msg.id == ix.original_message_id:
            ix._original_touched = True
        ix._notify()
        return msg.payload()

    async def _r_delete_webhook_message(self, req: _Req, app_id: str, token: str, message_id: str) -> Any:
        ix = self._interaction_for_token(app_id, token)
        msg = self._webhook_message(ix, message_id)
        self._delete_message(msg)
        ix._notify()
        return None

    # -- channels and messages ---------------------------------------------------------

    async def _r_open_dm(self, req: _Req) -> Any:
        body = req.json if isinstance(req.json, dict) else {}
        raw = str(body.get("recipient_id", ""))
        user = self.users.get(int(raw)) if raw.isdigit() else None
        if user is None or user.id == self.bot_user.id:
            raise _ApiError(400, ERR_INVALID_RECIPIENT, "Invalid Recipient(s)")
        return self.dm_channel(user).payload()

    async def _r_get_channel(self, req: _Req, channel_id: str) -> Any:
        return self._channel_or_404(channel_id).payload()

    async def _r_typing(self, req: _Req, channel_id: str) -> Any:
        self._channel_or_404(channel_id)
        return None

    def _check_can_post(self, channel: FakeChannel, files: Sequence[FakeAttachment]) -> None:
        if channel.is_dm:
            if channel.recipient is not None and channel.recipient.dms_closed:
                raise _ApiError(403, ERR_CANNOT_DM, "Cannot send messages to this user")
            return
        perms = self.member_permissions(channel.guild_id, self.bot_user)
        if not perms & Perm.VIEW_CHANNEL:
            raise _ApiError(403, ERR_MISSING_ACCESS, "Missing Access")
        if not channel.bot_can_send or not perms & Perm.SEND_MESSAGES or (files and not perms & Perm.ATTACH_FILES):
            raise _ApiError(403, ERR_MISSING_PERMISSIONS, "Missing Permissions")

    async def _r_create_message(self, req: _Req, channel_id: str) -> Any:
        channel = self._channel_or_404(channel_id)
        self._check_can_post(channel, req.files)
        body = req.json if isinstance(req.json, dict) else {}
        _validate_message(body, req.files, prefix=[], size_limit=self.attachment_size_limit)
        flags = int(body.get("flags") or 0) & (
            MessageFlag.SUPPRESS_EMBEDS | MessageFlag.SUPPRESS_NOTIFICATIONS | MessageFlag.IS_COMPONENTS_V2
        )
        ref = body.get("message_reference")
        msg_type = 19 if ref else 0
        msg = self._new_message(channel, body, req.files, flags=flags, message_type=msg_type)
        return msg.payload()

    async def _r_list_messages(self, req: _Req, channel_id: str) -> Any:
        channel = self._channel_or_404(channel_id)
        limit = int(req.query.get("limit", 50))
        msgs = [m for m in self.channel_messages(channel, include_users=True) if not m.ephemeral]
        return [m.payload() for m in reversed(msgs)][:limit]

    async def _r_get_message(self, req: _Req, channel_id: str, message_id: str) -> Any:
        channel = self._channel_or_404(channel_id)
        return self._channel_message_or_404(channel, message_id).payload()

    async def _r_edit_message(self, req: _Req, channel_id: str, message_id: str) -> Any:
        channel = self._channel_or_404(channel_id)
        msg = self._channel_message_or_404(channel, message_id)
        if msg.author.id != self.bot_user.id:
            raise _ApiError(403, ERR_CANNOT_EDIT_OTHERS, "Cannot edit a message authored by another user")
        body = req.json if isinstance(req.json, dict) else {}
        _validate_message(body, req.files, prefix=[], existing=msg, size_limit=self.attachment_size_limit)
        return self._edit_message(msg, body, req.files).payload()

    async def _r_delete_message(self, req: _Req, channel_id: str, message_id: str) -> Any:
        channel = self._channel_or_404(channel_id)
        msg = self._channel_message_or_404(channel, message_id)
        others = msg.author.id != self.bot_user.id and not channel.is_dm
        if others and not self.member_permissions(channel.guild_id, self.bot_user) & Perm.MANAGE_MESSAGES:
            raise _ApiError(403, ERR_MISSING_PERMISSIONS, "Missing Permissions")
        self._delete_message(msg)
        return None

    async def _r_add_reaction(self, req: _Req, channel_id: str, message_id: str, emoji: str) -> Any:
        msg = self._channel_message_or_404(self._channel_or_404(channel_id), message_id)
        msg.reactions.append(urllib.parse.unquote(emoji))
        return None

    async def _r_remove_reaction(self, req: _Req, channel_id: str, message_id: str, emoji: str) -> Any:
        msg = self._channel_message_or_404(self._channel_or_404(channel_id), message_id)
        with contextlib.suppress(ValueError):
            msg.reactions.remove(urllib.parse.unquote(emoji))
        return None

    # -- guilds ------------------------------------------------------------------------

    async def _r_get_guild(self, req: _Req, guild_id: str) -> Any:
        payload = self._guild_create_payload(self._guild_or_404(guild_id))
        for key in (
            "members",
            "channels",
            "threads",
            "voice_states",
            "presences",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds",
            "joined_at",
            "large",
            "unavailable",
            "member_count",
        ):
            payload.pop(key, None)
        return payload

    async def _r_get_roles(self, req: _Req, guild_id: str) -> Any:
        return [r.payload() for r in self._guild_or_404(guild_id).roles]

    async def _r_get_guild_channels(self, req: _Req, guild_id: str) -> Any:
        return [c.payload() for c in self._guild_or_404(guild_id).channels]

    async def _r_list_members(self, req: _Req, guild_id: str) -> Any:
        guild = self._guild_or_404(guild_id)
        limit = int(req.query.get("limit", 1))
        after = int(req.query.get("after", 0))
        members = sorted(guild.members.values(), key=lambda m: m.user.id)
        return [m.payload() for m in members if m.user.id > after][:limit]

    async def _r_get_member(self, req: _Req, guild_id: str, user_id: str) -> Any:
        guild = self._guild_or_404(guild_id)
        member = guild.members.get(int(user_id)) if user_id.isdigit() else None
        if member is None:
            raise _ApiError(404, ERR_UNKNOWN_MEMBER, "Unknown Member")
        return member.payload()

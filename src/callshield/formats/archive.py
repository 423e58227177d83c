"""Zip archives: scan every member with the same handlers as e-mail attachments, and rebuild
the archive with its members redacted, within limits that make a zip bomb a clear error.

Limits are checked twice: on the sizes the archive declares (cheap, before any inflation) and
while streaming each member (a bomb can lie in its headers). The uncompressed budget and the
member count are shared by every archive nested in one input, so nesting cannot multiply them.
Office files (docx, xlsx) are zips too: `check_container` holds them to the same limits before a
library inflates them.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field, replace
from io import BytesIO

from callshield.core.document import Segment
from callshield.formats.base import PartError
from callshield.formats.parts import Extracted, Rebuilt, RewritePlan, removal_notice

_CHUNK = 64 * 1024
_MIB = 1024 * 1024
_ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Bounds on what one input may expand to. Defaults are safe for a mail gateway."""

    max_depth: int = 3
    max_total_bytes: int = 100 * _MIB
    max_members: int = 1000
    #: Largest uncompressed/compressed ratio of a member above `ratio_floor_bytes`.
    max_ratio: float = 100.0
    ratio_floor_bytes: int = _MIB


class PartReadError(Exception):
    """A part cannot be read or scanned; the message names the problem, never content."""


class Budget:
    """Uncompressed bytes and members left for one whole input (mutable, one per read)."""

    def __init__(self, limits: ArchiveLimits) -> None:
        self.limits = limits
        self.bytes_left = limits.max_total_bytes
        self.members_left = limits.max_members

    def take_member(self) -> None:
        if self.members_left <= 0:
            raise PartReadError(f"more than {self.limits.max_members} archive members in all")
        self.members_left -= 1

    def take_bytes(self, count: int) -> None:
        if count > self.bytes_left:
            raise PartReadError(f"expands beyond the {_size(self.limits.max_total_bytes)} limit")
        self.bytes_left -= count


@dataclass(frozen=True, slots=True)
class Context:
    """Limits, the shared budget and how many archives deep a part is."""

    limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    budget: Budget | None = None
    depth: int = 0

    @classmethod
    def fresh(cls, limits: ArchiveLimits | None = None) -> Context:
        chosen = limits or ArchiveLimits()
        return cls(chosen, Budget(chosen), 0)

    def inside(self) -> Context:
        return replace(self, depth=self.depth + 1)

    def take(self) -> Budget:
        if self.budget is None:
            raise PartReadError("no archive budget")  # a programming error, failed closed
        return self.budget


def _size(count: int) -> str:
    return f"{count / _MIB:g} MiB"


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise PartReadError(f"not a readable zip archive ({type(exc).__name__})") from None


def _check_declared(info: zipfile.ZipInfo, ctx: Context) -> None:
    limits = ctx.limits
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise PartReadError("member is encrypted; it cannot be scanned")
    if info.file_size > ctx.take().bytes_left:
        raise PartReadError(
            f"member declares a size beyond the {_size(limits.max_total_bytes)} limit"
        )
    if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
        info.compress_size, 1
    ):
        raise PartReadError(f"member compression ratio exceeds {limits.max_ratio:g} (zip bomb)")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Context) -> bytes:
    """A member's bytes, refused (PartReadError) when it breaks a limit, declared or actual."""
    _check_declared(info, ctx)
    budget = ctx.take()
    budget.take_member()
    cap = min(info.file_size, budget.bytes_left)
    ratio_cap = max(ctx.limits.ratio_floor_bytes, ctx.limits.max_ratio * info.compress_size)
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > cap or total > ratio_cap:
                    raise PartReadError("member expands beyond its declared size or the limits")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise PartReadError(f"member is damaged ({type(exc).__name__})") from None
    except (NotImplementedError, RuntimeError) as exc:
        raise PartReadError(f"member cannot be unpacked ({type(exc).__name__})") from None
    budget.take_bytes(total)
    return b"".join(chunks)


def check_container(data: bytes, ctx: Context) -> None:
    """Hold an office file (a zip) to the limits before a library inflates it whole; the
    library reads no more than the declared sizes, which are checked here. Its parts count
    against the byte budget, not the member budget (an archive of office files stays usable)."""
    with _open(data) as archive:
        infos = archive.infolist()
        if len(infos) > ctx.limits.max_members:
            raise PartReadError(f"more than {ctx.limits.max_members} parts; refused")
        for info in infos:
            _check_declared(info, ctx)
            ctx.take().take_bytes(info.file_size)


def _member_id(prefix: str, index: int) -> str:
    return f"{prefix}/member[{index}]" if prefix else f"member[{index}]"


def _open_checked(data: bytes, ctx: Context) -> zipfile.ZipFile:
    if ctx.depth >= ctx.limits.max_depth:
        raise PartReadError(f"zip nested more than {ctx.limits.max_depth} levels deep; refused")
    archive = _open(data)
    if len(archive.infolist()) > ctx.limits.max_members:
        archive.close()
        raise PartReadError(f"zip has more than {ctx.limits.max_members} members; refused")
    return archive


def extract_zip(data: bytes, prefix: str, ctx: Context) -> Extracted:
    """Segments of every member (its name too), and an error per member that fails."""
    from callshield.formats import files

    found = Extracted()
    segments: list[Segment] = []
    errors: list[PartError] = []
    with _open_checked(data, ctx) as archive:
        if archive.comment:
            comment = archive.comment.decode("utf-8", "replace")
            segments.append(Segment(f"{prefix}/comment" if prefix else "comment", comment))
        for index, info in enumerate(archive.infolist(), 1):
            member = _member_id(prefix, index)
            segments.append(Segment(f"{member}/name", info.filename))
            if info.is_dir():
                continue
            try:
                body = read_member(archive, info, ctx)
            except PartReadError as exc:
                errors.append(PartError(member, str(exc)))
                continue
            found = found.plus(files.extract_any(body, info.filename, member, ctx.inside()))
    return Extracted(tuple(segments), tuple(errors)).plus(found)


def rebuild_zip(data: bytes, prefix: str, plan: RewritePlan, ctx: Context) -> Rebuilt:
    """The archive again, every member redacted in place or replaced by a notice member."""
    from callshield.formats import files

    out = BytesIO()
    removed: list[PartError] = []
    with _open_checked(data, ctx) as archive, zipfile.ZipFile(out, "w") as target:
        if archive.comment:
            key = f"{prefix}/comment" if prefix else "comment"
            target.comment = plan.text(key).encode("utf-8")
        for index, info in enumerate(archive.infolist(), 1):
            member = _member_id(prefix, index)
            name = plan.text(f"{member}/name")
            if info.is_dir():
                target.writestr(_like(info, name), b"")
                continue
            rebuilt = None
            if member not in plan.failed:
                try:
                    body = read_member(archive, info, ctx)
                except PartReadError:
                    body = None
                if body is not None:
                    rebuilt = files.rebuild_any(body, info.filename, member, plan, ctx.inside())
            if rebuilt is None:
                notice = removal_notice(member, plan)
                removed.append(notice)
                target.writestr(_like(info, f"{name}.removed.txt"), notice.message.encode())
            else:
                target.writestr(_like(info, name), rebuilt.data)
                removed += rebuilt.removed
    return Rebuilt(out.getvalue(), tuple(removed))


def _like(info: zipfile.ZipInfo, name: str) -> zipfile.ZipInfo:
    copy = zipfile.ZipInfo(name, date_time=info.date_time)
    copy.compress_type = (
        info.compress_type
        if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        else zipfile.ZIP_DEFLATED
    )
    copy.external_attr = info.external_attr
    copy.create_system = info.create_system
    return copy

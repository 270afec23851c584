"""A `values()` read compiled to SQL once and run again with other ids (decision 25).

Django builds and compiles a queryset's SQL on every evaluation, and for the small indexed reads
that a person's page makes (one person's screenings, actions, referrals...) that compiling costs
several times what the database takes to answer. A page that makes twenty such reads spends most
of its time there. `CompiledValues` builds the queryset once with a stand-in value for each
parameter, compiles it once per database (alias and vendor), remembers where each stand-in sits
among the SQL's parameters, and from then on only runs the SQL with the real values, converting
each column with the same converters Django's own `values()` would use.

It suits reads whose shape is fixed: only the ids change. A read whose filters depend on who is
looking (a partner sees only their own organisation's rows) is one `CompiledValues` per shape,
with the organisation id as a parameter; a read over a list of ids filters by the person through
a join instead. `rows()` returns what `list(build(**values))` would: `tests` check it for every
read that uses this."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import QuerySet

_every_read: weakref.WeakSet[CompiledValues] = weakref.WeakSet()

# Stand-ins: ids no row can have (keys are positive), distinct per parameter.
_FIRST_STAND_IN = -970_000_001


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    # For each parameter name, the positions in `params` where its value goes.
    slots: dict[str, tuple[int, ...]]
    names: tuple[str, ...]
    fields: tuple[Any, ...]


class CompiledValues:
    """`CompiledValues(lambda person: Model.objects.filter(person_id=person).values(...), "person")`;
    then `.rows(person=42)` is the list of dicts that queryset gives for person 42."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *parameters: str, using: str = "default") -> None:
        if not parameters:
            raise ValueError("a compiled read needs at least one parameter")
        self._build = build
        self._using = using
        self._parameters = parameters
        self._compiled: dict[tuple[str, str], _Compiled] = {}
        self._lock = threading.Lock()
        _every_read.add(self)

    @property
    def parameters(self) -> tuple[str, ...]:
        return self._parameters

    def queryset(self, **values: int) -> QuerySet[Any, Any]:
        """The ORM's own queryset for these values (what `rows` must agree with)."""
        return self._build(**values)

    def rows(self, **values: int) -> list[dict[str, Any]]:
        if set(values) != set(self._parameters):
            raise TypeError(f"expected values for {sorted(self._parameters)}, got {sorted(values)}")
        using = self._using
        connection = connections[using]
        compiled = self._compiled.get((using, connection.vendor)) or self._compile(using, connection.vendor)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            value = values[name]
            if not isinstance(value, int) or isinstance(value, bool):
                raise TypeError(f"{name} must be an integer id, not {value!r}")
            for position in positions:
                params[position] = value
        converters = []
        for index, field in enumerate(compiled.fields):
            found = connection.ops.get_db_converters(field) + field.get_db_converters(connection)
            if found:
                converters.append((index, found, field))
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            fetched = cursor.fetchall()
        names = compiled.names
        result = []
        for raw in fetched:
            row = list(raw)
            for index, functions, field in converters:
                value = row[index]
                for function in functions:
                    value = function(value, field, connection)
                row[index] = value
            result.append(dict(zip(names, row, strict=True)))
        return result

    def _compile(self, using: str, vendor: str) -> _Compiled:
        stand_ins = {name: _FIRST_STAND_IN - i for i, name in enumerate(self._parameters)}
        queryset = self._build(**stand_ins)
        query = queryset.query
        if getattr(queryset, "_fields", None) is None:  # only a values() queryset has its fields
            raise TypeError("a compiled read must be a values() queryset")
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = {name: tuple(i for i, p in enumerate(params) if p == value) for name, value in stand_ins.items()}
        missing = [name for name, positions in slots.items() if not positions]
        if missing:
            raise ValueError(f"the read does not use its parameters {missing}")
        names = (
            tuple(query.selected)
            if query.selected
            else (*query.extra_select, *query.values_select, *query.annotation_select)
        )
        fields = tuple(s[0] for s in compiler.select[0 : compiler.col_count])
        if len(names) != len(fields):
            raise TypeError("a compiled read's columns must be the values() it names")
        compiled = _Compiled(sql=sql, params=tuple(params), slots=slots, names=names, fields=fields)
        with self._lock:
            self._compiled[(using, vendor)] = compiled
        return compiled


def every_read() -> Iterator[CompiledValues]:
    """Every compiled read made so far (the tests check each against the ORM)."""
    yield from list(_every_read)


@dataclass(frozen=True)
class ScopedReads:
    """The same reads of one person's records in two shapes: everything of theirs, or only what one
    organisation holds (a partner's view), that organisation's id being the parameter `by`."""

    everything: tuple[CompiledValues, ...]
    own: tuple[CompiledValues, ...]
    by: str

    def choose(
        self, person_id: int, organisation_id: int | None, *, everything: bool
    ) -> tuple[tuple[CompiledValues, ...], dict[str, int]] | None:
        """(the reads, the values to run them with) for a viewer; None when they may see none."""
        if everything:
            return self.everything, {"person": person_id}
        if organisation_id is None:
            return None
        return self.own, {"person": person_id, self.by: organisation_id}


def scoped_reads(by: str, *reads: tuple[Callable[..., QuerySet[Any, Any]], str, str]) -> ScopedReads:
    """ScopedReads from each read's `build(**filters)` (a values() queryset), the lookup that names
    the person and the lookup that names the organisation, e.g.
    `(contacts, "allocation__person_id", "allocation__organisation_id")`."""

    def of_person(build: Callable[..., QuerySet[Any, Any]], person: str) -> CompiledValues:
        return CompiledValues(lambda **v: build(**{person: v["person"]}), "person")

    def of_organisation(build: Callable[..., QuerySet[Any, Any]], person: str, organisation: str) -> CompiledValues:
        return CompiledValues(lambda **v: build(**{person: v["person"], organisation: v[by]}), "person", by)

    return ScopedReads(
        everything=tuple(of_person(build, person) for build, person, _ in reads),
        own=tuple(of_organisation(build, person, organisation) for build, person, organisation in reads),
        by=by,
    )


def person_values(model: type[models.Model], person: str, *columns: str) -> CompiledValues:
    """The common case: `model`'s rows whose `person` lookup is the person, as values() of
    `columns`, unordered (the caller sorts): `person_values(Screening, "person_id", "started_at")`."""
    manager = model._default_manager  # noqa: SLF001 - the documented way to reach any model's manager
    return CompiledValues(lambda **v: manager.filter(**{person: v["person"]}).order_by().values(*columns), "person")

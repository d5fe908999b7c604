"""Tests for reading a spec's YAML text into values and key positions."""

from __future__ import annotations

import gc
import string
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from indicators.exceptions import DuplicateIdError, SpecError, SpecSyntaxError
from indicators.spec import _yaml
from indicators.spec._yaml import (
    MAX_DEPTH,
    MAX_SPEC_SIZE,
    KeyPath,
    read_yaml,
    read_yaml_file,
)


def _value_of(scalar: str) -> Any:
    """Read ``v: <scalar>`` and return the value of ``v``."""
    return read_yaml(f"v: {scalar}\n", "spec.yaml").data["v"]


def _key_paths(value: Any, prefix: KeyPath = ()) -> Iterator[KeyPath]:
    """Yield the path of every mapping entry and list item under ``value``."""
    if isinstance(value, dict):
        steps: Iterator[tuple[Any, Any]] = iter(value.items())
    elif isinstance(value, list):
        steps = enumerate(value)
    else:
        return
    for step, child in steps:
        yield (*prefix, step)
        yield from _key_paths(child, (*prefix, step))


def _billion_laughs(levels: int = 9, width: int = 10) -> str:
    """Return a document where each anchor lists ``width`` aliases of the last."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*l{level - 1}"] * width)
        lines.append(f"l{level}: &l{level} [{aliases}]")
    return "\n".join(lines) + "\n"


@pytest.fixture(name="loader", params=["libyaml", "python"])
def _loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and again with PyYAML's own."""
    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(_yaml, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(_yaml, "_Loader", yaml.SafeLoader)
    return str(request.param)


PLAIN_SCALARS = [
    ("true", True),
    ("True", True),
    ("TRUE", True),
    ("false", False),
    ("False", False),
    ("FALSE", False),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("~", None),
    ("", None),
    ("0", 0),
    ("42", 42),
    ("-7", -7),
    ("+7", 7),
    ("010", 10),
    ("0o17", 15),
    ("0x1F", 31),
    ("0.1", Decimal("0.1")),
    ("8827250.00", Decimal("8827250.00")),
    ("-2.50", Decimal("-2.50")),
    ("1.", Decimal("1.")),
    (".5", Decimal(".5")),
    ("1e3", Decimal("1e3")),
    ("6.02E+23", Decimal("6.02E+23")),
    (".inf", Decimal("Infinity")),
    ("+.Inf", Decimal("Infinity")),
    ("-.INF", Decimal("-Infinity")),
    ("NO", "NO"),
    ("no", "no"),
    ("ON", "ON"),
    ("OFF", "OFF"),
    ("YES", "YES"),
    ("Y", "Y"),
    ("N", "N"),
    ("2024-06-30", "2024-06-30"),
    ("2024-06-30T12:00:00Z", "2024-06-30T12:00:00Z"),
    ("1:20", "1:20"),
    ("392,805", "392,805"),
    ("1_000", "1_000"),
    ("0b101", "0b101"),
    ("0o8", "0o8"),
    ("0X1F", "0X1F"),
    ("-0x1F", "-0x1F"),
    ("1e", "1e"),
    ("nan", "nan"),
    ("inf", "inf"),
    ("12 %", "12 %"),
    ("persons", "persons"),
]


class TestScalars:
    """Unquoted scalars follow the YAML 1.2 core schema, numbers exactly."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        PLAIN_SCALARS,
        ids=[f"{text or 'empty'}->{expected!r}" for text, expected in PLAIN_SCALARS],
    )
    def test_plain_scalar(self, text: str, expected: Any) -> None:
        """A plain scalar reads as the value and type the core schema gives."""
        assert repr(_value_of(text)) == repr(expected)

    def test_nan(self) -> None:
        """``.nan`` reads as a Decimal NaN."""
        value = _value_of(".nan")

        assert isinstance(value, Decimal)
        assert value.is_nan()

    def test_decimal_is_exact(self) -> None:
        """``0.1`` is exactly one tenth, not the nearest binary float."""
        assert Fraction(_value_of("0.1")) == Fraction(1, 10)

    def test_decimal_keeps_its_places(self) -> None:
        """A number written with two decimal places keeps both places."""
        value = _value_of("8827250.00")

        assert value.as_tuple().exponent == -2

    @pytest.mark.parametrize(
        "quoted", ["'true'", '"010"', "'~'", '"0.1"', "''", "'2024'"]
    )
    def test_quoted_scalar_is_text(self, quoted: str) -> None:
        """A quoted scalar is always the text inside the quotes."""
        assert _value_of(quoted) == quoted[1:-1]

    def test_block_literal_is_text(self) -> None:
        """A literal block scalar is text even when it looks like a number."""
        document = read_yaml("v: |\n  12\n", "spec.yaml")

        assert document.data["v"] == "12\n"

    def test_overlong_integer(self) -> None:
        """An integer with more digits than Python reads is refused."""
        with pytest.raises(SpecSyntaxError, match="at most 4300 digits") as caught:
            read_yaml("a: 1\nv: " + "9" * 5000 + "\n", "spec.yaml")

        assert caught.value.line == 2

    def test_parsing_leaves_collector_enabled(self) -> None:
        """The garbage collector runs again after a read, even a failed one."""
        read_yaml("a: 1\n", "spec.yaml")
        with pytest.raises(SpecSyntaxError):
            read_yaml("a: [\n", "spec.yaml")

        assert gc.isenabled()


class TestTags:
    """Only the standard YAML tags are honoured; any other tag is refused."""

    def test_str_tag_keeps_digits_as_text(self) -> None:
        """``!!str 123`` is the text '123', not the integer."""
        assert repr(_value_of("!!str 123")) == repr("123")

    def test_str_tag_keeps_a_boolean_word(self) -> None:
        """``!!str true`` is the text 'true'."""
        assert _value_of("!!str true") == "true"

    def test_int_tag_on_quoted_text(self) -> None:
        """``!!int "12"`` reads the quoted digits as an integer."""
        assert repr(_value_of('!!int "12"')) == repr(12)

    def test_float_tag_on_integer(self) -> None:
        """``!!float 1`` reads as the Decimal 1."""
        assert repr(_value_of("!!float 1")) == repr(Decimal("1"))

    def test_bool_and_null_tags(self) -> None:
        """``!!bool`` and ``!!null`` read their standard words."""
        document = read_yaml("a: !!bool false\nb: !!null ''\n", "spec.yaml")

        assert document.data == {"a": False, "b": None}

    def test_collection_tags(self) -> None:
        """``!!map`` and ``!!seq`` are accepted on a mapping and a list."""
        document = read_yaml("a: !!map {x: 1}\nb: !!seq [1]\n", "spec.yaml")

        assert document.data == {"a": {"x": 1}, "b": [1]}

    @pytest.mark.parametrize(
        "tagged",
        [
            "!!python/object/apply:os.system ['echo hi']",
            "!!python/name:os.system",
            "!custom 1",
            "!!binary aGk=",
            "!!timestamp 2024-06-30",
            "!!set {a, b}",
            "!!omap [{a: 1}]",
            "!<tag:example.com,2000:unit> m",
            "! 12",
        ],
        ids=[
            "python-apply",
            "python-name",
            "custom",
            "binary",
            "timestamp",
            "set",
            "omap",
            "verbatim",
            "non-specific",
        ],
    )
    def test_other_tags_are_refused(self, tagged: str) -> None:
        """Any tag but the standard ones is refused at the tag's position."""
        text = f"facts:\n  x: {tagged}\n"

        with pytest.raises(SpecSyntaxError, match="Tags are not allowed") as caught:
            read_yaml(text, "spec.yaml")

        assert (caught.value.line, caught.value.column) == (2, 6)
        assert "Remove the tag" in str(caught.value)

    def test_refused_tag_runs_nothing(self, tmp_path: Path) -> None:
        """A tag that would run a command is refused without running it."""
        marker = tmp_path / "ran"
        text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"

        with pytest.raises(SpecSyntaxError, match="python/object/apply"):
            read_yaml(text, "spec.yaml")

        assert not marker.exists()

    def test_value_that_does_not_fit_its_tag(self) -> None:
        """``!!int`` on a word is refused, naming the value."""
        with pytest.raises(SpecSyntaxError, match="must read as a whole number"):
            read_yaml("a: !!int many\n", "spec.yaml")

    def test_scalar_tag_on_a_mapping(self) -> None:
        """``!!str`` on a mapping is refused."""
        with pytest.raises(SpecSyntaxError, match="does not fit a mapping"):
            read_yaml("a: !!str {x: 1}\n", "spec.yaml")


class TestKeys:
    """Mapping keys must be text, and merge keys are refused."""

    @pytest.mark.parametrize("key", ["2024", "true", "~", "1.5"])
    def test_key_that_is_not_text(self, key: str) -> None:
        """A plain key that reads as a number, boolean or null is refused."""
        with pytest.raises(SpecSyntaxError, match="keys must be text") as caught:
            read_yaml(f"a: 1\n{key}: x\n", "spec.yaml")

        assert caught.value.line == 2
        assert f'Quote the key: "{key}"' in str(caught.value)

    def test_quoted_number_key(self) -> None:
        """A quoted key that looks like a number is accepted as text."""
        document = read_yaml("'2024': x\n", "spec.yaml")

        assert document.data == {"2024": "x"}

    def test_collection_as_key(self) -> None:
        """A list used as a key is refused."""
        with pytest.raises(SpecSyntaxError, match="keys must be text"):
            read_yaml("? [a, b]\n: 1\n", "spec.yaml")

    def test_merge_key(self) -> None:
        """A ``<<`` merge key is refused, since it silently overrides."""
        text = "base: &b {unit: m}\nfact:\n  <<: *b\n  value: 1\n"

        with pytest.raises(SpecSyntaxError, match="Merge keys") as caught:
            read_yaml(text, "spec.yaml")

        assert caught.value.line == 3


class TestDuplicateKeys:
    """The same key twice in one mapping is an error naming both lines."""

    def test_duplicate_key(self) -> None:
        """A repeated key raises DuplicateIdError at the second occurrence."""
        text = "facts:\n  x: 1\n  y: 2\n  x: 3\n"

        with pytest.raises(DuplicateIdError, match="'x' appears twice") as caught:
            read_yaml(text, "spec.yaml")

        assert caught.value.line == 4
        assert caught.value.key == "facts.x"

    def test_message_names_both_lines(self) -> None:
        """The message gives the first and the second line of the key."""
        with pytest.raises(DuplicateIdError, match="line 2 and again on line 4"):
            read_yaml("a:\n  x: 1\n  y: 2\n  x: 3\n", "spec.yaml")

    def test_message_says_keep_one(self) -> None:
        """The message tells the author to keep one of the entries."""
        with pytest.raises(DuplicateIdError, match="Keep one"):
            read_yaml("x: 1\nx: 2\n", "spec.yaml")

    def test_quoted_and_plain_spelling(self) -> None:
        """A quoted and a plain spelling of one key are the same key."""
        with pytest.raises(DuplicateIdError):
            read_yaml("x: 1\n'x': 2\n", "spec.yaml")

    def test_flow_mapping(self) -> None:
        """A flow mapping with a repeated key is refused too."""
        with pytest.raises(DuplicateIdError, match="'a' appears twice"):
            read_yaml("{a: 1, a: 2}\n", "spec.yaml")

    def test_same_key_in_different_mappings(self) -> None:
        """One key in two separate mappings is not a duplicate."""
        document = read_yaml("a: {x: 1}\nb: {x: 2}\n", "spec.yaml")

        assert document.data == {"a": {"x": 1}, "b": {"x": 2}}

    def test_is_a_spec_error(self) -> None:
        """A duplicate key is a SpecError, and so a ValueError."""
        with pytest.raises(SpecError) as caught:
            read_yaml("x: 1\nx: 2\n", "spec.yaml")

        assert isinstance(caught.value, ValueError)


class TestAliases:
    """Aliases copy their anchor's value, within a bounded expansion."""

    def test_alias_copies_the_value(self) -> None:
        """An alias reads as an equal, independent copy of its anchor."""
        document = read_yaml("a: &s {unit: m, by: [x]}\nb: *s\n", "spec.yaml")

        assert document.data["b"] == document.data["a"]
        assert document.data["b"]["by"] is not document.data["a"]["by"]

    def test_scalar_alias(self) -> None:
        """An alias of a scalar reads as the scalar."""
        document = read_yaml("a: &n 0.50\nb: *n\n", "spec.yaml")

        assert repr(document.data["b"]) == repr(Decimal("0.50"))

    def test_alias_as_key(self) -> None:
        """An alias of a text scalar may stand as a key."""
        document = read_yaml("a: &k unit\nb: {*k : m}\n", "spec.yaml")

        assert document.data["b"] == {"unit": "m"}

    def test_many_small_aliases(self) -> None:
        """A source block aliased by every one of many facts is accepted."""
        facts = "".join(f"  f{i}: {{value: {i}, source: *src}}\n" for i in range(3000))
        text = "source: &src {doc: census, table: T1, page: 4}\nfacts:\n" + facts

        document = read_yaml(text, "spec.yaml")

        assert document.data["facts"]["f2999"]["source"]["page"] == 4

    def test_billion_laughs(self) -> None:
        """Nine levels of ten aliases each are refused as too many values."""
        with pytest.raises(SpecSyntaxError, match="expand to too many values"):
            read_yaml(_billion_laughs(), "laughs.yaml")

    def test_billion_laughs_names_the_alias_line(self) -> None:
        """The refusal names the line of the alias that passed the budget."""
        with pytest.raises(SpecSyntaxError) as caught:
            read_yaml(_billion_laughs(), "laughs.yaml")

        # Each copy of l2 holds 111 values, so the 10,000 budget runs out
        # in the ninth alias of l2 on l3's line, line 4.
        assert caught.value.line == 4
        assert caught.value.found == "*l2"

    def test_billion_laughs_memory(self) -> None:
        """Refusing a billion laughs takes a few megabytes, not gigabytes."""
        tracemalloc.start()
        try:
            with pytest.raises(SpecSyntaxError):
                read_yaml(_billion_laughs(), "laughs.yaml")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()

        assert peak < 20_000_000

    def test_recursive_alias_in_list(self) -> None:
        """An alias inside the list it refers to is refused."""
        with pytest.raises(SpecSyntaxError, match="recursive alias") as caught:
            read_yaml("a: &x [1, *x]\n", "spec.yaml")

        assert (caught.value.line, caught.value.column) == (1, 11)

    def test_recursive_alias_in_mapping(self) -> None:
        """An alias inside the mapping it refers to is refused."""
        with pytest.raises(SpecSyntaxError, match="recursive alias"):
            read_yaml("a: &x\n  b:\n    c: *x\n", "spec.yaml")

    def test_undefined_alias(self) -> None:
        """An alias with no anchor before it is refused, naming the alias."""
        with pytest.raises(SpecSyntaxError, match=r"defined before it\. Found \*nope"):
            read_yaml("a: *nope\nb: &nope 1\n", "spec.yaml")

    def test_aliases_cannot_nest_past_the_depth_bound(self) -> None:
        """Anchors that wrap earlier anchors cannot build too deep a value."""
        lines = ["a0: &a0 [x]"]
        for level in range(1, 25):
            wrapped = "[" * 10 + f"*a{level - 1}" + "]" * 10
            lines.append(f"a{level}: &a{level} {wrapped}")

        with pytest.raises(SpecSyntaxError, match=f"more than {MAX_DEPTH} levels"):
            read_yaml("\n".join(lines), "spec.yaml")


class TestPositions:
    """Every key and list item has its line and column, counting from 1."""

    def test_mapping_keys(self) -> None:
        """A mapping entry is placed at its key."""
        document = read_yaml("facts:\n  x:\n    value: 3\n", "spec.yaml")

        assert document.positions[("facts", "x", "value")] == (3, 5)

    def test_block_list_items(self) -> None:
        """A block list item is placed where its value starts."""
        document = read_yaml("parts:\n  - a\n  - b\n", "spec.yaml")

        assert document.positions[("parts", 1)] == (3, 5)

    def test_flow_list_items(self) -> None:
        """A flow list item is placed where it starts on the line."""
        document = read_yaml("parts: [a, bb, c]\n", "spec.yaml")

        assert document.positions[("parts", 2)] == (1, 16)

    def test_root(self) -> None:
        """The root is placed at line 1, column 1."""
        document = read_yaml("# heading\n\nfacts: {}\n", "spec.yaml")

        assert document.positions[()] == (1, 1)

    def test_columns_count_characters(self) -> None:
        """Columns count characters, not the bytes of their UTF-8 encoding."""
        document = read_yaml("é: [ü, k]\n", "spec.yaml")

        assert document.positions[("é", 1)] == (1, 8)

    def test_every_path_has_a_position(self, loader: str) -> None:
        """Each mapping entry and list item path of the document has a position."""
        text = "a:\n  b: [1, {c: 2, d: [3]}]\n  e:\n    - f: 4\n    - 5\n"

        document = read_yaml(text, "spec.yaml")

        assert set(document.positions) == {(), *_key_paths(document.data)}

    def test_alias_item_is_placed_at_the_alias(self) -> None:
        """A list item written as an alias is placed at the alias."""
        document = read_yaml("a: &s [1]\nb:\n  - *s\n", "spec.yaml")

        assert document.positions[("b", 0)] == (3, 5)

    def test_keys_inside_an_alias(self) -> None:
        """Keys copied by an alias keep the place where the anchor wrote them."""
        document = read_yaml("a: &s\n  unit: m\nb: *s\n", "spec.yaml")

        assert document.positions[("b", "unit")] == (2, 3)

    def test_locate_known_path(self) -> None:
        """``locate`` returns the file, line, column and dotted key of a path."""
        text = "checks:\n  c1:\n    parts_sum_to:\n      parts: [a, b, c]\n"
        document = read_yaml(text, "spec.yaml")

        location = document.locate(["checks", "c1", "parts_sum_to", "parts", 2])

        assert location.render() == "spec.yaml:4:21: checks.c1.parts_sum_to.parts[2]"

    def test_locate_missing_path(self) -> None:
        """A path the file lacks is placed at its longest known prefix."""
        document = read_yaml("facts:\n  x:\n    value: 1\n", "spec.yaml")

        location = document.locate(("facts", "x", "unit"))

        assert (location.line, location.column) == (2, 3)
        assert location.key == "facts.x.unit"

    def test_locate_root(self) -> None:
        """The empty path is the root, with no key."""
        document = read_yaml("a: 1\n", "spec.yaml")

        location = document.locate(())

        assert (location.line, location.key) == (1, None)


class TestSyntaxErrors:
    """Text that is not one valid YAML document gives a located SpecSyntaxError."""

    def test_tab_indentation(self) -> None:
        """A tab in the indentation is reported with a hint about tabs."""
        with pytest.raises(SpecSyntaxError, match="tabs") as caught:
            read_yaml("facts:\n\tx: 1\n", "spec.yaml")

        assert (caught.value.line, caught.value.column) == (2, 1)

    def test_bad_indentation(self) -> None:
        """A key indented under a scalar is reported at its line."""
        with pytest.raises(SpecSyntaxError, match="cannot be parsed") as caught:
            read_yaml("a: 1\n  b: 2\n", "spec.yaml")

        assert caught.value.line == 2
        assert "indent" in str(caught.value)

    def test_unclosed_quote(self) -> None:
        """An unclosed quote is reported with a hint to close it."""
        with pytest.raises(SpecSyntaxError, match="Close the quote"):
            read_yaml("a: 'open\nb: 1\n", "spec.yaml")

    def test_unclosed_list(self) -> None:
        """An unclosed flow list is reported with a hint about brackets."""
        with pytest.raises(SpecSyntaxError, match=r"Close the list with '\]'"):
            read_yaml("a: [1, 2\n", "spec.yaml")

    @pytest.mark.parametrize(
        "text",
        ["a: b: c\n", "- a\nb: 1\n", "a: @x\n", "{a: 1\n", "a: [1]]\n", "? ? ?\n"],
    )
    def test_no_yaml_exception_escapes(self, text: str) -> None:
        """Broken YAML raises SpecSyntaxError naming the file, never YAMLError."""
        with pytest.raises(SpecSyntaxError, match=r"^broken\.yaml:\d+:\d+"):
            read_yaml(text, "broken.yaml")

    def test_control_character(self) -> None:
        """A control character is reported at its line and column."""
        with pytest.raises(SpecSyntaxError, match="U\\+0007") as caught:
            read_yaml("a: 1\nb: x\x07\n", "spec.yaml")

        assert (caught.value.line, caught.value.column) == (2, 5)

    def test_lone_surrogate(self, loader: str) -> None:
        """A lone surrogate is a located SpecSyntaxError, not a Unicode error."""
        with pytest.raises(SpecSyntaxError, match="U\\+D800") as caught:
            read_yaml("a: \ud800\n", "spec.yaml")

        assert caught.value.line == 1

    def test_second_document(self) -> None:
        """A second document in the file is refused at its start."""
        with pytest.raises(SpecSyntaxError, match="second YAML document") as caught:
            read_yaml("a: 1\n---\nb: 2\n", "spec.yaml")

        assert caught.value.line == 2

    @pytest.mark.parametrize(
        "text",
        ["", "# only a comment\n", "---\n", "\n\n  \n"],
        ids=["empty", "comment", "marker", "blank"],
    )
    def test_empty_spec(self, text: str) -> None:
        """A text with no values says the spec is empty."""
        with pytest.raises(SpecSyntaxError, match="The spec is empty") as caught:
            read_yaml(text, "spec.yaml")

        assert caught.value.line == 1

    def test_text_too_long(self) -> None:
        """Text over the size limit is refused before it is parsed."""
        text = "#" * (MAX_SPEC_SIZE + 1)

        with pytest.raises(SpecSyntaxError, match="too long"):
            read_yaml(text, "huge.yaml")

    def test_deepest_accepted_nesting(self) -> None:
        """Lists nested exactly to the depth bound are accepted."""
        text = "[" * MAX_DEPTH + "]" * MAX_DEPTH

        document = read_yaml(text, "spec.yaml")

        assert document.positions[(0,) * (MAX_DEPTH - 1)] == (1, MAX_DEPTH)

    def test_one_level_too_deep(self) -> None:
        """Lists nested one level past the bound are refused at that level."""
        depth = MAX_DEPTH + 1
        text = "[" * depth + "]" * depth

        with pytest.raises(SpecSyntaxError, match="more than 200 levels") as caught:
            read_yaml(text, "spec.yaml")

        assert caught.value.column == depth

    def test_very_deep_flow_nesting(self, loader: str) -> None:
        """A hundred thousand nested lists raise SpecSyntaxError, not a crash."""
        text = "[" * 100_000 + "]" * 100_000

        with pytest.raises(SpecSyntaxError, match="nest"):
            read_yaml(text, "deep.yaml")

    def test_very_deep_block_nesting(self, loader: str) -> None:
        """A hundred thousand nested block lists raise SpecSyntaxError."""
        with pytest.raises(SpecSyntaxError, match="more than 200 levels"):
            read_yaml("- " * 100_000 + "x\n", "deep.yaml")


class TestReadFile:
    """Spec files are read as UTF-8, and their name appears in messages."""

    def test_reads_file(self, tmp_path: Path) -> None:
        """A UTF-8 file reads to its values, named by its path."""
        path = tmp_path / "spec.yaml"
        path.write_text("area: Zürich\n", encoding="utf-8")

        document = read_yaml_file(path)

        assert (document.data, document.file) == ({"area": "Zürich"}, str(path))

    def test_byte_order_mark(self, tmp_path: Path) -> None:
        """A leading UTF-8 byte order mark is skipped."""
        path = tmp_path / "spec.yaml"
        path.write_bytes("\ufeffa: 1\n".encode())

        assert read_yaml_file(path).data == {"a": 1}

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a SpecSyntaxError naming the file."""
        path = tmp_path / "absent.yaml"

        with pytest.raises(SpecSyntaxError, match="cannot be read") as caught:
            read_yaml_file(path)

        assert caught.value.file == str(path)

    def test_directory(self, tmp_path: Path) -> None:
        """A directory given as the spec is a SpecSyntaxError naming it."""
        with pytest.raises(SpecSyntaxError, match="cannot be read") as caught:
            read_yaml_file(tmp_path)

        assert caught.value.file == str(tmp_path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 is refused at the line of the bad byte."""
        path = tmp_path / "latin1.yaml"
        path.write_bytes("a: 1\nb: Zürich\n".encode("latin-1"))

        with pytest.raises(SpecSyntaxError, match="not valid UTF-8") as caught:
            read_yaml_file(path)

        assert (caught.value.line, caught.value.column) == (2, 5)
        assert caught.value.file == str(path)

    def test_file_too_large(self, tmp_path: Path) -> None:
        """A file larger than the size limit is refused."""
        path = tmp_path / "huge.yaml"
        with path.open("wb") as stream:
            stream.truncate(MAX_SPEC_SIZE + 1)

        with pytest.raises(SpecSyntaxError, match="too long"):
            read_yaml_file(path)

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        """An error inside the file starts with the file's path and line."""
        path = tmp_path / "spec.yaml"
        path.write_text("x: 1\nx: 2\n", encoding="utf-8")

        with pytest.raises(DuplicateIdError) as caught:
            read_yaml_file(path)

        assert str(caught.value).startswith(f"{path}:2:1: x: ")


class _SpecDumper(yaml.SafeDumper):
    """A safe dumper that writes each Decimal as its own text."""


def _represent_decimal(dumper: yaml.SafeDumper, number: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(number))


_SpecDumper.add_representer(Decimal, _represent_decimal)


class _QuotingDumper(_SpecDumper):
    """A spec dumper that double-quotes every string."""


def _represent_quoted(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')


_QuotingDumper.add_representer(str, _represent_quoted)

_WORDS = st.text(string.ascii_letters + " _-", min_size=1, max_size=12)
_NUMBERS = st.integers(-(10**30), 10**30) | st.decimals(
    allow_nan=False, allow_infinity=False
)


def _documents(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Nested dicts with ``text`` keys and numbers, text or lists as values."""
    leaves = _NUMBERS | text
    nested = st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4)
        ),
        max_leaves=20,
    )
    return st.dictionaries(text, nested, min_size=1, max_size=5)


class TestRoundTrip:
    """What PyYAML's safe dumper writes, the reader gives back unchanged."""

    @given(_documents(_WORDS))
    def test_plain_words_numbers_and_decimals(self, spec: dict[str, Any]) -> None:
        """Dumped words, integers and Decimals read back with type and places."""
        text = yaml.dump(spec, Dumper=_SpecDumper, sort_keys=False)

        assert repr(read_yaml(text, "spec.yaml").data) == repr(spec)

    @given(_documents(st.text(min_size=1, max_size=12)))
    def test_any_quoted_text(self, spec: dict[str, Any]) -> None:
        """Any text, written double-quoted, reads back unchanged."""
        text = yaml.dump(spec, Dumper=_QuotingDumper, sort_keys=False)

        assert repr(read_yaml(text, "spec.yaml").data) == repr(spec)

    @given(_documents(_WORDS))
    def test_positions_cover_every_path(self, spec: dict[str, Any]) -> None:
        """Every key and item path of a dumped document has a position."""
        document = read_yaml(
            yaml.dump(spec, Dumper=_SpecDumper, sort_keys=False), "spec.yaml"
        )

        assert set(document.positions) == {(), *_key_paths(spec)}

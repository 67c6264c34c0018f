"""Finding and reading input files: every file met becomes records or a quarantine, never a hang or a crash."""

import os
from pathlib import Path

from flows import inputs
from flows.inputs import read_inputs
from transforms.records import Quarantined


def test_a_pipe_or_device_given_as_input_is_quarantined_unread(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)  # opening it to read would block for ever
    records = list(read_inputs([str(pipe), "/dev/zero", str(tmp_path / "missing.txt")]))
    assert [(r.source_id, r.stage) for r in records] == [(str(tmp_path / "missing.txt"), "read"), ("pipe.txt", "read"), ("zero", "read")]
    assert all(isinstance(r, Quarantined) for r in records)
    assert "not a regular file" in records[1].reason and "no such file" in records[0].reason


def test_a_file_over_the_size_limit_is_quarantined_with_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_bytes(b"word " * 30)
    (tmp_path / "small.txt").write_bytes(b"Headline\n\nA story.")
    big, small = read_inputs([str(tmp_path)])
    assert (big.source_id, big.stage, big.reason) == ("big.txt", "read", "file is 150 bytes, over the 100-byte limit; split it into smaller files")
    assert small.source_id == "small.txt" and not isinstance(small, Quarantined)


def test_files_of_one_name_in_two_inputs_get_names_of_their_own(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"Headline {folder}\n\nStory {folder}.")
    names = [r.source_id for r in read_inputs([str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "a" / "x.txt")])]
    assert names == ["x.txt", "x.txt@2", "x.txt@3"]


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement_characters(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Headline\n\nA story.")
    (record,) = read_inputs([str(tmp_path)])
    assert record.source_id == "caf\ufffd.txt"
    assert Path(tmp_path / os.fsdecode(b"caf\xe9.txt")).exists()

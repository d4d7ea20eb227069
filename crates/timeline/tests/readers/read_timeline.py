#!/usr/bin/env python3
"""Reads a timeline file back with an independent third-party reader and prints what it found
as one JSON object, so the Rust tests can compare it with what was written.

    read_timeline.py FILE [--rate NUM[/DEN]] [--dtd DTD]

  .xml     OpenTimelineIO's `fcp_xml` adapter (otio-fcp-adapter)
  .fcpxml  `otio_fcpx_xml_lite_adapter` (otio-fcpx-xml-lite-adapter); keywords, which it does
           not read, are listed from the XML with lxml
  .edl     OpenTimelineIO's `cmx_3600` adapter at --rate (an EDL does not say its rate), and
           pycmx as a second reader ("edl_pycmx")
  .otio    OpenTimelineIO's own JSON reader

--dtd validates an `.xml` or `.fcpxml` file against a local DTD with lxml.
Clips are those of the first video track, in track order.
"""

import argparse
import contextlib
import json
import sys
from fractions import Fraction

import opentimelineio as otio


def frames(value):
    """A frame count as an int when the reader's float is whole; as it is otherwise, so a
    comparison with the written count fails visibly."""
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-6 else value


def read_text(path):
    # The adapters' read_from_file opens files in the locale's encoding; what we write is UTF-8.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def read_with_adapter(path, adapter, **options):
    # Some adapters print progress to stdout, which must carry only the JSON.
    with contextlib.redirect_stdout(sys.stderr):
        return otio.adapters.read_from_string(read_text(path), adapter_name=adapter, **options)


def marker_comment(marker):
    if marker.comment:
        return marker.comment
    # otio-fcp-adapter keeps an xmeml marker's <comment> in its metadata.
    fcp_xml = marker.metadata.get("fcp_xml")
    if fcp_xml is not None and fcp_xml.get("comment"):
        return fcp_xml["comment"]
    # otio_fcpx_xml_lite_adapter keeps an FCPXML marker's note there.
    if marker.metadata.get("fcp_note"):
        return marker.metadata["fcp_note"]
    return ""


def video_track(timeline):
    if not isinstance(timeline, otio.schema.Timeline):
        raise SystemExit(f"expected one timeline, the reader returned a {type(timeline).__name__}")
    for track in timeline.tracks:
        if track.kind == otio.schema.TrackKind.Video:
            return track
    raise SystemExit("the reader found no video track")


def describe(timeline):
    track = video_track(timeline)
    clips = []
    gaps = 0
    for item in track:
        if isinstance(item, otio.schema.Gap):
            gaps += 1
            continue
        if not isinstance(item, otio.schema.Clip):
            continue
        source = item.source_range
        reference = item.media_reference
        placed = item.range_in_parent()
        clip = {
            "name": item.name,
            "rate": source.duration.rate,
            "duration_frames": frames(source.duration.value),
            "source_in_frames": frames(source.start_time.value),
            "record_in_frames": frames(placed.start_time.value),
            "record_rate": placed.start_time.rate,
            "target_url": getattr(reference, "target_url", None),
            "markers": [
                {
                    "name": marker.name,
                    "comment": marker_comment(marker),
                    "start_frames": frames(marker.marked_range.start_time.value),
                    "rate": marker.marked_range.start_time.rate,
                }
                for marker in item.markers
            ],
        }
        comments = item.metadata.get("cmx_3600", {}).get("comments")
        if comments:
            clip["comments"] = list(comments)
        clips.append(clip)
    return {
        "timeline_name": timeline.name,
        "track_kinds": [str(track.kind) for track in timeline.tracks],
        "gaps": gaps,
        "clips": clips,
    }


def parse_rate(text):
    return float(Fraction(text))


def read_xmeml(path):
    result = describe(read_with_adapter(path, "fcp_xml"))
    result["reader"] = "otio fcp_xml (otio-fcp-adapter)"
    return result


def read_fcpxml(path):
    result = describe(read_with_adapter(path, "otio_fcpx_xml_lite_adapter"))
    result["reader"] = "otio_fcpx_xml_lite_adapter"
    result["keywords_by_lxml"] = fcpxml_keywords(path)
    return result


def fcpxml_keywords(path):
    from lxml import etree

    tree = etree.parse(path)
    # One <keyword> element holds a comma-separated list of keywords.
    return [
        [
            word.strip()
            for keyword in clip.findall("keyword")
            for word in keyword.get("value", "").split(",")
            if word.strip()
        ]
        for clip in tree.iterfind(".//spine/asset-clip")
    ]


def read_edl(path, rate):
    if rate is None:
        raise SystemExit("an EDL does not state its rate: pass --rate")
    result = describe(read_with_adapter(path, "cmx_3600", rate=rate))
    result["reader"] = "otio cmx_3600 (otio-cmx3600-adapter)"
    result["edl_pycmx"] = read_edl_pycmx(path)
    return result


def read_edl_pycmx(path):
    import pycmx
    from pycmx.statements import StmtRemark

    with open(path, encoding="utf-8") as handle:
        edit_list = pycmx.parse_cmx3600(handle)
        events = []
        for event in edit_list.events:
            remarks = [s.text for s in event.statements if isinstance(s, StmtRemark)]
            for edit in event.edits:
                events.append(
                    {
                        "event": event.number,
                        "source": edit.source,
                        "video": edit.channels.video,
                        "audio_channels": list(edit.channels.channels),
                        "transition": edit.transition.kind,
                        "source_in": edit.source_in,
                        "source_out": edit.source_out,
                        "record_in": edit.record_in,
                        "record_out": edit.record_out,
                        "clip_name": edit.clip_name,
                        "remarks": remarks,
                    }
                )
        unrecognized = [
            getattr(s, "content", repr(s))
            for s in edit_list.unrecognized_statements
            if getattr(s, "content", "x").strip()
        ]
        return {
            "title": edit_list.title,
            "format": edit_list.format,
            "events": events,
            "unrecognized": unrecognized,
        }


def read_otio(path):
    with contextlib.redirect_stdout(sys.stderr):
        timeline = otio.adapters.read_from_string(read_text(path), adapter_name="otio_json")
    result = describe(timeline)
    result["reader"] = "otio native JSON"
    return result


def validate(path, dtd_path):
    from lxml import etree

    with open(dtd_path, "rb") as handle:
        dtd = etree.DTD(handle)
    valid = dtd.validate(etree.parse(path))
    errors = [str(error) for error in dtd.error_log.filter_from_errors()]
    # The first errors say what is wrong; the rest mostly follow from them.
    return {"dtd": dtd_path, "valid": valid, "errors": errors[:20], "error_count": len(errors)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--rate", type=parse_rate, help="frames per second of an EDL: 25, 30000/1001")
    parser.add_argument("--dtd", help="a DTD to validate .xml or .fcpxml against")
    args = parser.parse_args()

    extension = args.file.rsplit(".", 1)[-1].lower()
    if extension == "xml":
        result = read_xmeml(args.file)
    elif extension == "fcpxml":
        result = read_fcpxml(args.file)
    elif extension == "edl":
        result = read_edl(args.file, args.rate)
    elif extension == "otio":
        result = read_otio(args.file)
    else:
        raise SystemExit(f"no reader for .{extension}")
    if args.dtd:
        if extension not in ("xml", "fcpxml"):
            raise SystemExit("--dtd applies to .xml and .fcpxml only")
        result["dtd_check"] = validate(args.file, args.dtd)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

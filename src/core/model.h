// Chronoscope core: the data model.
//
// A Timeline is what one JSON file holds once loaded: a title, groups (lanes with a colour),
// eras (background bands) and events. Everything is plain data. Strings live in one StringPool and
// are referred to by StrId, so an Event is a small fixed-size record (48 bytes) and a million of
// them fit in 48 MB plus their text.
//
// An event with end == start is a point; a milestone is an event with the Milestone flag (drawn as
// a diamond); an event with end > start is a range (drawn as a bar).
#pragma once

#include "time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace chronoscope {

// Offset of a NUL-terminated string in a StringPool. 0 is always the empty string.
typedef uint32_t StrId;

struct StringPool {
    std::string Bytes = std::string(1, '\0');  // starts with the empty string at offset 0

    StrId       Add(const char* s, size_t len);  // "" -> 0; otherwise appends s and a NUL
    StrId       Add(const std::string& s) { return Add(s.data(), s.size()); }
    const char* Get(StrId id) const { return Bytes.data() + id; }
    void        Clear() { Bytes.assign(1, '\0'); }
};

// Colours are 0xAARRGGBB; 0 means "not given" (use the group's or the theme's).
typedef uint32_t Color32;

static const uint16_t kNoGroup = 0xFFFF;
static const uint32_t kNoExtra = 0xFFFFFFFF;
static const int kZoneBias = 4096;          // Event::StartZone = minutes + kZoneBias (|offset| < 24 h)

enum EventFlags : uint8_t {
    EventFlags_None = 0,
    EventFlags_Milestone = 1 << 0,  // drawn as a diamond
    EventFlags_HasEnd = 1 << 1,     // an end was given (it may still equal start)
};

struct Event {
    int64_t  StartSec;     // start instant, split so the record packs into 48 bytes
    int64_t  EndSec;       // end instant; equals start for points
    int32_t  StartNsec;
    int32_t  EndNsec;
    StrId    Id;           // the author's id, or "" if none was given
    StrId    Title;
    StrId    Text;         // plain text, never HTML
    uint32_t Extra;        // index into Timeline::Extras, or kNoExtra
    uint16_t Group;        // index into Timeline::Groups, or kNoGroup
    uint8_t  Flags;        // EventFlags
    uint8_t  Precision;    // low nibble: Precision of start; high nibble: Precision of end
    // The offset from UTC each time was written with ("+09:00"), in minutes plus kZoneBias; 0: none (a date, a
    // time in UTC or with Z). Times shown at their written offset by default (core/locale.h, time zones).
    int16_t  StartZone;
    int16_t  EndZone;

    Instant   Start() const { Instant t; t.sec = StartSec; t.nsec = StartNsec; return t; }
    Instant   End() const { Instant t; t.sec = EndSec; t.nsec = EndNsec; return t; }
    void      SetStart(Instant t) { StartSec = t.sec; StartNsec = t.nsec; }
    void      SetEnd(Instant t) { EndSec = t.sec; EndNsec = t.nsec; }
    chronoscope::Precision StartPrecision() const { return (chronoscope::Precision)(Precision & 0x0F); }
    chronoscope::Precision EndPrecision() const { return (chronoscope::Precision)(Precision >> 4); }
    void      SetPrecision(chronoscope::Precision start, chronoscope::Precision end) { Precision = (uint8_t)(start | (end << 4)); }
    int       StartOffsetMin() const { return StartZone ? StartZone - kZoneBias : kNoOffsetMin; }   // kNoOffsetMin: none
    int       EndOffsetMin() const { return EndZone ? EndZone - kZoneBias : kNoOffsetMin; }
    void      SetOffsets(int start_min, int end_min)
    {
        StartZone = (int16_t)(start_min == kNoOffsetMin ? 0 : start_min + kZoneBias);
        EndZone = (int16_t)(end_min == kNoOffsetMin ? 0 : end_min + kZoneBias);
    }
    bool      IsMilestone() const { return (Flags & EventFlags_Milestone) != 0; }
    bool      IsRange() const { return EndSec != StartSec || EndNsec != StartNsec; }
};

static_assert(sizeof(Event) == 48, "an event record is 48 bytes");

// The rarer fields of an event, kept out of the hot record.
struct EventExtra {
    std::vector<StrId> Tags;
    StrId Link = 0;          // only http(s) links are ever opened
    StrId MediaUrl = 0;
    StrId MediaCaption = 0;
    StrId MediaCredit = 0;
    StrId MediaThumbnail = 0;  // a small picture for the mark (TimelineJS3 media.thumbnail); else MediaUrl's
    StrId DisplayDate = 0;   // the author's own date text (TimelineJS display_date), shown verbatim
    // The text as the file wrote it in HTML (TimelineJS3), kept only when it has formatting that the event's plain
    // Text loses (bold, italic, links, lists): read with RichTextFromHtml (core/html_text.h), never used as HTML.
    StrId TextHtml = 0;
    Color32 Color = 0;
};

struct Group {
    std::string Id;
    std::string Label;
    Color32     Color = 0;
};

struct Era {
    Instant     Start;
    Instant     End;
    chronoscope::Precision StartPrecision = Precision_Year;
    chronoscope::Precision EndPrecision = Precision_Year;
    std::string Label;
    Color32     Color = 0;
};

struct Timeline {
    std::string             Title;
    std::string             Description;
    // The description's HTML when it has formatting (a TimelineJS3 title slide's): read with RichTextFromHtml
    // (core/html_text.h), never used as HTML. Empty: Description is all there is.
    std::string             DescriptionHtml;
    // The title card (TimelineJS3's title slide) shows Title, Description and this media.
    std::string             MediaUrl, MediaCaption, MediaCredit;
    // The author's story order: event indices (into Events) in the order story mode steps through them;
    // empty: time order, every event.
    std::vector<uint32_t>   Story;
    std::vector<Group>      Groups;
    std::vector<Era>        Eras;
    std::vector<Event>      Events;
    // How many events each event stands for: empty (the usual case) when every event is itself; else one per
    // event. A tiled window (core/tileset.h) holds proxies, each the longest of `weight` events of its lane and
    // time bin; the layout counts weights and always draws an event of weight > 1 as a cluster mark.
    std::vector<uint32_t>   Weights;
    std::vector<EventExtra> Extras;
    StringPool              Strings;

    const char* Str(StrId id) const { return Strings.Get(id); }
    void        Clear() { *this = Timeline(); }
};

// The index of the event with this id, or -1 (ids are unique: the loader refuses duplicates).
int FindEvent(const Timeline& tl, const char* id);
// The index of the first event that starts at or after t (events are in time order); Events.size() when none does.
size_t FirstEventFrom(const Timeline& tl, Instant t);

} // namespace chronoscope

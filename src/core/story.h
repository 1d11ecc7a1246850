// Chronoscope core: story mode's step: where one step takes the reader from where they are.
//
// Events are numbered in time order (start, then the input's order): a single file's event indices and a tiled
// set's ordinals (core/tiles.h) alike, so one rule serves the widget stepping through the events it holds and the
// app stepping through a tiled set it holds a window of. "Before" is by that number: events of the same start are
// in the input's order.
//
// The story is the data's own order (Timeline::Story, event numbers), else every shown event in time order. It
// starts at the title card where there is one: a step back before the story's first event shows the card, a step
// on from the card goes to the first event. From a selection outside the story, a step goes on from where the
// selection is in time: on to the story's first event after it, back to its last event before it. With nothing
// selected and no card shown, the time order starts from the middle of the view; the story from its first event
// (back: from its last).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace chronoscope {

// Where the reader is.
struct StoryPlace {
    int64_t Events = 0;        // events in all (a tiled set's, not a window's)
    int64_t Selected = -1;     // the selected event, -1: none
    bool    OnCard = false;    // the title card is shown
    bool    HasCard = false;   // the data has a title card
    int64_t AtView = 0;        // the first event starting at or after the view's middle (Events: none)
};

// The first shown event at or after `from` (dir +1) or at or before it (dir -1), from in [0, Events): its number;
// -1: none; -2: not known yet (what it needs is being fetched: step again later).
typedef std::function<int64_t(int64_t from, int dir)> StoryShownFrom;

struct StoryMove {
    enum Kind { Stay, Card, Select, Pending };
    Kind    To = Stay;         // Stay: nothing to go to; Card: show the title card; Select: select Event and fly
                               // to it; Pending: shown said -2
    int64_t Event = -1;
};

// One step (dir +1 on, -1 back) through story (event numbers in the story's order; empty: the shown events in
// time order, found with shown).
StoryMove NextStoryMove(const std::vector<uint32_t>& story, const StoryPlace& at, int dir, const StoryShownFrom& shown);

} // namespace chronoscope

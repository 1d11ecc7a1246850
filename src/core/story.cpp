// Chronoscope core: story mode's step (see story.h).
#include "core/story.h"

#include <algorithm>

namespace chronoscope {

static StoryMove Move(StoryMove::Kind to, int64_t event = -1)
{
    StoryMove m;
    m.To = to;
    m.Event = event;
    return m;
}

StoryMove NextStoryMove(const std::vector<uint32_t>& story, const StoryPlace& at, int dir, const StoryShownFrom& shown)
{
    if (at.Events <= 0)
        return Move(StoryMove::Stay);
    dir = dir < 0 ? -1 : 1;
    const bool selected = at.Selected >= 0 && at.Selected < at.Events;
    const bool from_card = !selected && at.OnCard && at.HasCard;
    if (!story.empty()) {
        const int64_t n = (int64_t)story.size();
        int64_t pos = -1;   // where the reader is in the story; -1: before its first event
        if (selected) {
            auto it = std::find(story.begin(), story.end(), (uint64_t)at.Selected);
            if (it != story.end()) {
                pos = it - story.begin();
            } else {
                // outside the story: after the last of its events before the selection
                for (int64_t k = 0; k < n; k++)
                    if ((int64_t)story[(size_t)k] < at.Selected)
                        pos = k;
                if (dir < 0)
                    pos++;   // (then the step back lands on that last one)
            }
        } else if (!from_card && dir < 0) {
            pos = n;
        }
        const int64_t to = pos + dir;
        if (to < 0)
            return Move(at.HasCard && !from_card ? StoryMove::Card : StoryMove::Stay);
        if (to >= n)
            return Move(StoryMove::Stay);
        return Move(StoryMove::Select, story[(size_t)to]);
    }
    auto find = [&](int64_t from, int d) -> int64_t {
        return from < 0 || from >= at.Events ? -1 : shown(from, d);
    };
    int64_t i;
    if (from_card) {
        if (dir < 0)
            return Move(StoryMove::Stay);
        i = find(0, 1);
    } else if (!selected) {
        const int64_t mid = std::max<int64_t>(0, std::min(at.AtView, at.Events));
        i = dir > 0 ? find(mid, 1) : find(mid - 1, -1);
    } else {
        i = find(at.Selected + dir, dir);
    }
    if (i == -2)
        return Move(StoryMove::Pending);
    if (i >= 0)
        return Move(StoryMove::Select, i);
    if (dir < 0 && selected && at.HasCard)
        return Move(StoryMove::Card);
    return Move(StoryMove::Stay);
}

} // namespace chronoscope

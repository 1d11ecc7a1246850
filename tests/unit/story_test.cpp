// Unit tests for src/core/story.h: story mode's one step rule.
#include "core/story.h"

#include <gtest/gtest.h>

using namespace chronoscope;

namespace {

// Every event shown (a plain scan), or those hidden[i] == false.
struct Shown {
    std::vector<bool> Hidden;
    int64_t Calls = 0;
    StoryShownFrom Fn()
    {
        return [this](int64_t from, int dir) -> int64_t {
            Calls++;
            for (int64_t i = from; i >= 0 && i < (int64_t)Hidden.size(); i += dir)
                if (!Hidden[(size_t)i])
                    return i;
            return -1;
        };
    }
};

StoryPlace Place(int64_t events, int64_t selected, bool on_card = false, bool has_card = true, int64_t at_view = 0)
{
    StoryPlace p;
    p.Events = events;
    p.Selected = selected;
    p.OnCard = on_card;
    p.HasCard = has_card;
    p.AtView = at_view;
    return p;
}

bool IsEvent(const StoryMove& m, int64_t e) { return m.To == StoryMove::Select && m.Event == e; }

TEST(Story, StartsAtTheCardThenTheFirstEvent)
{
    Shown s{ std::vector<bool>(10, false) };
    const std::vector<uint32_t> story = { 7, 2, 5 };
    // from the card: on to the story's first; back stays
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, -1, true), 1, s.Fn()), 7));
    EXPECT_EQ(NextStoryMove(story, Place(10, -1, true), -1, s.Fn()).To, StoryMove::Stay);
    // no card shown, nothing selected: the first, or going back the last
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, -1, false), 1, s.Fn()), 7));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, -1, false), -1, s.Fn()), 5));
    // the time order the same way
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(10, -1, true), 1, s.Fn()), 0));
    EXPECT_EQ(NextStoryMove({}, Place(10, -1, true), -1, s.Fn()).To, StoryMove::Stay);
}

TEST(Story, StepsInTheStorysOrder)
{
    Shown s{ std::vector<bool>(10, false) };
    const std::vector<uint32_t> story = { 7, 2, 5 };
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 7), 1, s.Fn()), 2));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 2), 1, s.Fn()), 5));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 5), -1, s.Fn()), 2));
    // past the last: stays; back before the first: the card, or stays without one
    EXPECT_EQ(NextStoryMove(story, Place(10, 5), 1, s.Fn()).To, StoryMove::Stay);
    EXPECT_EQ(NextStoryMove(story, Place(10, 7), -1, s.Fn()).To, StoryMove::Card);
    EXPECT_EQ(NextStoryMove(story, Place(10, 7, false, false), -1, s.Fn()).To, StoryMove::Stay);
    EXPECT_EQ(s.Calls, 0);   // a story never asks which events are shown
}

TEST(Story, FromASelectionOutsideTheStory)
{
    Shown s{ std::vector<bool>(10, false) };
    const std::vector<uint32_t> story = { 1, 4, 8 };
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 5), 1, s.Fn()), 8));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 5), -1, s.Fn()), 4));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 0), 1, s.Fn()), 1));
    EXPECT_EQ(NextStoryMove(story, Place(10, 0), -1, s.Fn()).To, StoryMove::Card);
    EXPECT_EQ(NextStoryMove(story, Place(10, 9), 1, s.Fn()).To, StoryMove::Stay);
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(10, 9), -1, s.Fn()), 8));
}

// Events of one start are in the input's order: from a selection between two story events of the same start, on
// is the later one and back the earlier, as the numbers go (a comparison of starts would call neither "before").
TEST(Story, TiesInStartTimeGoByNumber)
{
    Shown s{ std::vector<bool>(3, false) };
    const std::vector<uint32_t> story = { 0, 2 };   // events 0, 1, 2 start at one instant
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(3, 1), 1, s.Fn()), 2));
    EXPECT_TRUE(IsEvent(NextStoryMove(story, Place(3, 1), -1, s.Fn()), 0));
}

TEST(Story, TimeOrderSkipsHiddenEvents)
{
    Shown s{ { true, false, true, true, false, true } };
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, -1, true), 1, s.Fn()), 1));
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, 1), 1, s.Fn()), 4));
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, 4), -1, s.Fn()), 1));
    EXPECT_EQ(NextStoryMove({}, Place(6, 4), 1, s.Fn()).To, StoryMove::Stay);
    // back from the first shown: the card (none: stays)
    EXPECT_EQ(NextStoryMove({}, Place(6, 1), -1, s.Fn()).To, StoryMove::Card);
    EXPECT_EQ(NextStoryMove({}, Place(6, 1, false, false), -1, s.Fn()).To, StoryMove::Stay);
}

TEST(Story, TimeOrderFromTheViewsMiddle)
{
    Shown s{ std::vector<bool>(6, false) };
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, -1, false, true, 3), 1, s.Fn()), 3));
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, -1, false, true, 3), -1, s.Fn()), 2));
    // the view after every event: on stays, back is the last; before every event: back stays (no card from there)
    EXPECT_EQ(NextStoryMove({}, Place(6, -1, false, true, 6), 1, s.Fn()).To, StoryMove::Stay);
    EXPECT_TRUE(IsEvent(NextStoryMove({}, Place(6, -1, false, true, 6), -1, s.Fn()), 5));
    EXPECT_EQ(NextStoryMove({}, Place(6, -1, false, true, 0), -1, s.Fn()).To, StoryMove::Stay);
}

TEST(Story, PendingWhileWhatIsShownIsNotKnown)
{
    StoryShownFrom later = [](int64_t, int) -> int64_t { return -2; };
    EXPECT_EQ(NextStoryMove({}, Place(6, 2), 1, later).To, StoryMove::Pending);
    EXPECT_EQ(NextStoryMove({}, Place(6, 2), -1, later).To, StoryMove::Pending);
    EXPECT_EQ(NextStoryMove({}, Place(0, -1), 1, later).To, StoryMove::Stay);   // no events
}

} // namespace

// Chronoscope app: the product's look and its chrome around the timeline widget: the theme, the window the
// timeline fills, the error box over the data after a failed load and the status box while a load runs.
//
// Built on the widget's public API only (ui/chronoscope.h).
#include "app/app.h"

#include "ui/chronoscope.h"

#include <algorithm>

namespace chronoscope {

// Colours of the product's own chrome (0xAARRGGBB), per theme.
struct ChromeColors {
    uint32_t WindowBg, FrameBg, Button, ButtonHovered, ButtonActive, ErrorBg, ErrorText;
};
static const ChromeColors kLight = { 0xFFF4F5F8, 0xFFEEF0F5, 0xFFE9E6FB, 0xFFDCD6FA, 0xFFCBC2F7, 0xFFFDECEC, 0xFFB42318 };
static const ChromeColors kDark = { 0xFF111318, 0xFF232833, 0xFF2A3040, 0xFF363D52, 0xFF434B66, 0xFF3A1717, 0xFFFF8A80 };

static ImVec4 Vec4(uint32_t c)
{
    return ImVec4(((c >> 16) & 0xFF) / 255.0f, ((c >> 8) & 0xFF) / 255.0f, (c & 0xFF) / 255.0f, ((c >> 24) & 0xFF) / 255.0f);
}

static ImU32 U32(uint32_t c, float alpha_mul = 1.0f)
{
    return ImGui::ColorConvertFloat4ToU32(ImVec4(Vec4(c).x, Vec4(c).y, Vec4(c).z, Vec4(c).w * alpha_mul));
}

void AppSetTheme(App* app, bool dark)
{
    app->Dark = dark;
    if (dark)
        StyleColorsDark();
    else
        StyleColorsLight();
    const TimelineStyle& ts = GetStyle();
    const ChromeColors& c = dark ? kDark : kLight;
    ImGuiStyle& st = ImGui::GetStyle();
    if (dark)
        ImGui::StyleColorsDark(&st);
    else
        ImGui::StyleColorsLight(&st);
    st.FrameRounding = 6.0f;
    st.ChildRounding = 8.0f;
    st.PopupRounding = 6.0f;
    st.WindowRounding = 6.0f;
    st.FramePadding = ImVec2(8, 5);
    st.ItemSpacing = ImVec2(8, 6);
    st.Colors[ImGuiCol_WindowBg] = Vec4(c.WindowBg);
    st.Colors[ImGuiCol_ChildBg] = ts.Colors[TimelineCol_PanelBg];
    st.Colors[ImGuiCol_PopupBg] = ts.Colors[TimelineCol_PanelBg];
    st.Colors[ImGuiCol_Border] = ts.Colors[TimelineCol_PanelBorder];
    st.Colors[ImGuiCol_Text] = ts.Colors[TimelineCol_Text];
    st.Colors[ImGuiCol_TextDisabled] = ts.Colors[TimelineCol_TextDim];
    st.Colors[ImGuiCol_FrameBg] = Vec4(c.FrameBg);
    st.Colors[ImGuiCol_Button] = Vec4(c.Button);
    st.Colors[ImGuiCol_ButtonHovered] = Vec4(c.ButtonHovered);
    st.Colors[ImGuiCol_ButtonActive] = Vec4(c.ButtonActive);
}

void AppClearColor(const App* app, float rgba[4])
{
    // The window has no background of its own: the frame is cleared with the plot's colour (one less
    // screen-sized fill for software WebGL), so the widget need not fill it either.
    const ImVec4& c = GetStyle().Colors[TimelineCol_PlotBg];
    rgba[0] = c.x;
    rgba[1] = c.y;
    rgba[2] = c.z;
    rgba[3] = 1.0f;
}

// The error box: the first error of a failed load, over the data that stayed.
static void DrawErrorBox(const App* app)
{
    ImVec2 f0, f1, p0, p1;
    GetTimelineRect(TimelineRect_Frame, &f0, &f1);
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    const ChromeColors& c = app->Dark ? kDark : kLight;
    const float S = GetTimelineScale(), fs = GetTimelineTextSize();
    ImFont* font = GetTimelineFont(TimelineFont_Regular);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = 10 * S;
    const float max_w = (f1.x - f0.x) - 40 * S;
    ImVec2 ts = font->CalcTextSizeA(fs, FLT_MAX, max_w, app->ErrorBox.c_str());
    ImVec2 a(f0.x + 20 * S, p0.y + 10 * S);
    if (app->RightToLeft)  // at the top right
        a.x = f1.x - 20 * S - ts.x - 2 * pad;
    ImVec2 b(a.x + ts.x + 2 * pad, a.y + ts.y + 2 * pad);
    dl->AddRectFilled(a, b, U32(c.ErrorBg), 6 * S);
    dl->AddRect(a, b, U32(c.ErrorText, 0.6f), 6 * S);
    dl->AddText(font, fs, ImVec2(a.x + pad, a.y + pad), U32(c.ErrorText), app->ErrorBox.c_str(), nullptr, max_w);
}

// The status box: how far a load is, at the top right of the plot (right to left: top left), over the data still
// on screen.
static void DrawStatusBox(const App* app)
{
    ImVec2 p0, p1;
    GetTimelineRect(TimelineRect_Plot, &p0, &p1);
    const float S = GetTimelineScale(), fs = GetTimelineTextSize();
    ImFont* font = GetTimelineFont(TimelineFont_Regular);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = 8 * S;
    const float tw = font->CalcTextSizeA(fs, FLT_MAX, 0.0f, app->Notice.c_str()).x;
    ImVec2 b(p1.x - 12 * S, p0.y + 10 * S + fs + 2 * pad);
    if (app->RightToLeft)  // at the top left
        b.x = p0.x + 12 * S + tw + 2 * pad;
    ImVec2 a(b.x - tw - 2 * pad, p0.y + 10 * S);
    dl->AddRectFilled(a, b, GetColorU32(TimelineCol_PanelBg), 6 * S);
    dl->AddRect(a, b, GetColorU32(TimelineCol_PanelBorder), 6 * S);
    dl->AddText(font, fs, ImVec2(a.x + pad, a.y + pad), GetColorU32(TimelineCol_Text), app->Notice.c_str());
}

void AppDraw(App* app)
{
    AppTilesFrame(app);   // (a tiled timeline: the tiles the view needs, the window built from them)
    ImagesNewFrame(&app->Pictures);
    TextRunsNewFrame(&app->Runs);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("##chronoscope", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                 ImGuiWindowFlags_NoBackground);  // cleared with the plot's colour (AppClearColor)
    ImGui::PopStyleVar(3);
    const bool has_data = !app->Data->Tl.Events.empty();
    if (!app->Notice.empty() && !has_data)
        SetNextTimelineEmptyText(app->Notice.c_str());  // a first load: its progress where the data will be
    // (tiled: the widget holds a window of the set, so the App takes its story and search steps, by ordinal)
    const TimelineFlags flags = (app->RightToLeft ? TimelineFlags_RightToLeft : 0) | (app->Tiles ? TimelineFlags_HostSteps : 0);
    if (BeginTimeline(app->TimelineId, app->Data.get(), ImVec2(0, 0), flags)) {
        EndTimeline();
        if (!app->ErrorBox.empty())
            DrawErrorBox(app);
        if (!app->Notice.empty() && has_data)
            DrawStatusBox(app);
        if (const char* link = GetTimelineLinkRequest())
            app->PendingLink = link;
    }
    ImGui::End();
}

} // namespace chronoscope

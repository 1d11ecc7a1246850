// Chronoscope platform: loading data and fonts for the App (shared by native and web).
#include "platform/app.h"

#include "ui/fonts.h"

#include "imgui.h"
#include "platform/gl_renderer.h"

#include <cstdio>

namespace cs {

void AppInit(App* app)
{
    app->Data.reset(new TimelineData());
    TimelineWidgetInit(&app->Widget);
    TimelineWidgetSetData(&app->Widget, app->Data.get(), false);
}

bool AppAdopt(App* app, std::unique_ptr<TimelineData> data, UiCharSet* chars, const char* name, bool keep_view)
{
    // The widget points at the data: switch it over before the old data is freed.
    TimelineWidgetSetData(&app->Widget, data.get(), keep_view);
    app->Data = std::move(data);
    app->SourceName = name ? name : "";
    app->LastError.clear();
    TimelineWidgetSetError(&app->Widget, "");
    app->Chars = std::move(*chars);
    app->FontsDirty = true;  // the atlas holds exactly the characters of the data
    app->LoadCount++;
    return true;
}

static bool AppAccept(App* app, std::unique_ptr<TimelineData> data, const char* name, bool keep_view)
{
    BuildTimelineIndex(data->Tl, &data->Index);
    UiCharSet chars;
    UiCollectChars(data->Tl, &chars);
    return AppAdopt(app, std::move(data), &chars, name, keep_view);
}

void FormatLoadErrors(const LoadResult& res, const char* name, std::string* all, std::string* first)
{
    all->clear();
    first->clear();
    for (const Diagnostic& d : res.Diagnostics) {
        std::string line = FormatDiagnostic(name, d);
        if (first->empty() && d.Sev == Severity_Error)
            *first = line;
        *all += line;
        *all += '\n';
    }
    if (first->empty())
        *first = std::string(name) + ": error: could not load";
    if (all->empty())
        *all = *first;
}

void AppSetLoadError(App* app, const char* all, const char* first)
{
    app->LastError = all;
    TimelineWidgetSetError(&app->Widget, first);
}

static void AppReject(App* app, const LoadResult& res, const char* name)
{
    std::string all, first;
    FormatLoadErrors(res, name, &all, &first);
    AppSetLoadError(app, all.c_str(), first.c_str());
}

bool AppLoadBytes(App* app, const char* data, size_t size, const char* name, bool keep_view)
{
    std::unique_ptr<TimelineData> next(new TimelineData());
    LoadOptions opt;
    LoadResult res;
    if (!LoadTimeline(data, size, opt, &next->Tl, &res)) {
        AppReject(app, res, name);
        return false;
    }
    return AppAccept(app, std::move(next), name, keep_view);
}

bool AppLoadFile(App* app, const char* path, bool keep_view)
{
    std::unique_ptr<TimelineData> next(new TimelineData());
    LoadOptions opt;
    LoadResult res;
    if (!LoadTimelineFile(path, opt, &next->Tl, &res)) {
        AppReject(app, res, path);
        return false;
    }
    return AppAccept(app, std::move(next), path, keep_view);
}

void AppUpdateFonts(App* app)
{
    if (!app->FontsDirty)
        return;
    app->FontsDirty = false;
    UiBuildFonts(&app->Chars, app->UiFontRegular.c_str(), app->UiFontBold.c_str(),
                 app->CjkFont.empty() ? nullptr : app->CjkFont.c_str(), app->FontSize, app->DpiScale);
    RendererRebuildFontTexture();
}

} // namespace cs

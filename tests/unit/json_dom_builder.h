// A handler for core/json_read.h that builds a nlohmann DOM of what it reads, to compare with nlohmann's own
// parser (tests/unit/json_read_test.cpp, tests/fuzz/fuzz_json_read.cpp). It also checks that the reader's cursor
// sits just past each token when the handler is called, and its start at the token's first character.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace chronoscope {
namespace test {

struct JsonDomBuilder {
    const char*                  Begin = nullptr;   // the input
    const char**                 Cursor = nullptr;  // the reader's cursor
    const char**                 Start = nullptr;   // the reader's token start
    nlohmann::json               Root;
    std::vector<nlohmann::json*> Stack;             // open containers
    std::string                  Key;
    bool                         CursorOk = true;   // false once the cursor or start was not at the token's ends
    bool                         Errored = false;   // syntax_error was called (with a message)
    size_t                       ErrorOffset = 0;
    std::string                  Error;

    // The token is [*Start, *Cursor): it begins with `first` and ends with `last`.
    void Check(char first, char last)
    {
        if (*Cursor <= Begin || (*Cursor)[-1] != last || *Start < Begin || *Start >= *Cursor || **Start != first)
            CursorOk = false;
    }
    void CheckNumber()
    {
        auto digit = [](char c) { return c >= '0' && c <= '9'; };
        if (*Cursor <= Begin || !digit((*Cursor)[-1]) || *Start < Begin || *Start >= *Cursor ||
            !(digit(**Start) || **Start == '-'))
            CursorOk = false;
        for (const char* c = *Start; c < *Cursor; c++)
            if (!digit(*c) && *c != '-' && *c != '+' && *c != '.' && *c != 'e' && *c != 'E')
                CursorOk = false;
    }
    nlohmann::json* Put(nlohmann::json v)
    {
        if (Stack.empty()) {
            Root = std::move(v);
            return &Root;
        }
        nlohmann::json* top = Stack.back();
        if (top->is_object()) {
            nlohmann::json& slot = (*top)[Key];
            slot = std::move(v);
            return &slot;
        }
        top->push_back(std::move(v));
        return &top->back();
    }
    bool null() { Check('n', 'l'); Put(nullptr); return true; }
    bool boolean(bool b) { Check(b ? 't' : 'f', 'e'); Put(b); return true; }
    bool number_integer(int64_t v) { CheckNumber(); Put(v); return true; }
    bool number_unsigned(uint64_t v) { CheckNumber(); Put(v); return true; }
    bool number_float(double v) { CheckNumber(); Put(v); return true; }
    bool string(std::string& s) { Check('"', '"'); Put(s); return true; }
    bool key(std::string& k) { Check('"', '"'); Key = k; return true; }
    bool start_object() { Check('{', '{'); Stack.push_back(Put(nlohmann::json::object())); return true; }
    bool start_array() { Check('[', '['); Stack.push_back(Put(nlohmann::json::array())); return true; }
    bool end_object() { Check('}', '}'); Stack.pop_back(); return true; }
    bool end_array() { Check(']', ']'); Stack.pop_back(); return true; }
    void syntax_error(size_t offset, const char* msg)
    {
        Errored = msg && *msg;
        ErrorOffset = offset;
        Error = msg ? msg : "";
    }
};

} // namespace test
} // namespace chronoscope

// Unit tests for reading timelines from files and descriptors (core/load.h LoadTimelineFile, LoadTimelineFd;
// src/core/load/file.cpp): regular files at once, pipes and FIFOs as streams, never blocking on a read.
#include "core/load.h"

#include "test_util.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

using namespace chronoscope;
using namespace chronoscope::test;

namespace {

const char* kThreeEvents =
    "{\"events\": [\n"
    "  {\"start\": \"2020\", \"title\": \"a\"},\n"
    "  {\"start\": \"2021\", \"title\": \"b\"},\n"
    "  {\"start\": \"2022\", \"title\": \"c\"}\n"
    "]}\n";

double SecondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A pipe whose ends close with the test; writes ignore SIGPIPE (the reader may stop first).
struct Pipe {
    int Read = -1, Write = -1;
    Pipe()
    {
        signal(SIGPIPE, SIG_IGN);
        int fds[2];
        if (pipe(fds) == 0) {
            Read = fds[0];
            Write = fds[1];
        }
    }
    ~Pipe()
    {
        CloseWrite();
        if (Read >= 0)
            close(Read);
    }
    void Put(const std::string& s) { ASSERT_EQ(write(Write, s.data(), s.size()), (ssize_t)s.size()); }
    void CloseWrite()
    {
        if (Write >= 0)
            close(Write);
        Write = -1;
    }
};

// A FIFO in the test's temporary folder, removed with the test.
struct Fifo {
    std::string Path;
    explicit Fifo(const char* name) : Path(TempPath(name))
    {
        unlink(Path.c_str());
        EXPECT_EQ(mkfifo(Path.c_str(), 0600), 0) << strerror(errno);
    }
    ~Fifo() { unlink(Path.c_str()); }
};

std::string OnlyMessage(const LoadResult& res)
{
    return res.Diagnostics.size() == 1 ? res.Diagnostics[0].Message : "(" + std::to_string(res.Diagnostics.size()) +
                                                                          " diagnostics)\n" + Dump(res);
}

} // namespace

TEST(LoadFile, PipeReadInPiecesAsTheyCome)
{
    Pipe p;
    std::thread writer([&] {
        std::string s = kThreeEvents;
        for (size_t i = 0; i < s.size(); i += 7) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            p.Put(s.substr(i, 7));
        }
        p.CloseWrite();
    });
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFd(p.Read, LoadOptions(), &tl, &res)) << Dump(res);
    writer.join();
    EXPECT_EQ(tl.Events.size(), 3u);
}

TEST(LoadFile, PipeErrorsHaveTheirPlaces)
{
    Pipe p;
    p.Put("{\"events\": [\n  {\"start\": \"2021-02-30\"}\n]}\n");
    p.CloseWrite();
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimelineFd(p.Read, LoadOptions(), &tl, &res));
    EXPECT_EQ(Dump(res), "f.json:2:13: error: start: day 30 out of range 1..28\n");
}

TEST(LoadFile, EmptyPipeIsEmptyInput)
{
    Pipe p;
    p.CloseWrite();
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimelineFd(p.Read, LoadOptions(), &tl, &res));
    EXPECT_EQ(Dump(res), "f.json:1:1: error: no JSON value (the input is empty)\n");
}

// Past the limit a stream is refused at once, with the limit's message, without waiting for the rest (here the
// writer never closes its end).
TEST(LoadFile, PipeOverTheLimitIsRefusedWithoutReadingOn)
{
    Pipe p;
    p.Put("{\"events\": [" + std::string(5000, ' '));
    LoadOptions opt;
    opt.MaxBytes = 1000;
    Timeline tl;
    LoadResult res;
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(LoadTimelineFd(p.Read, opt, &tl, &res));
    EXPECT_LT(SecondsSince(t0), 2.0);
    EXPECT_EQ(OnlyMessage(res), TooBigMessage(1001, 1000));
    char rest[8192];
    EXPECT_EQ(read(p.Read, rest, sizeof(rest)), 5012 - 1001);  // the rest is still in the pipe
}

TEST(LoadFile, PipeAtTheLimitLoads)
{
    std::string json = kThreeEvents;
    for (size_t limit : { json.size(), json.size() - 1 }) {
        Pipe p;
        p.Put(json);
        p.CloseWrite();
        LoadOptions opt;
        opt.MaxBytes = limit;
        Timeline tl;
        LoadResult res;
        bool ok = LoadTimelineFd(p.Read, opt, &tl, &res);
        if (limit == json.size()) {
            EXPECT_TRUE(ok) << Dump(res);
        } else {
            EXPECT_FALSE(ok);
            EXPECT_EQ(OnlyMessage(res), TooBigMessage(json.size(), limit));
        }
    }
}

// Input that cannot load ends the read when the loader gets to it, without waiting for the end of the data.
TEST(LoadFile, PipeThatCannotLoadStopsEarly)
{
    Pipe p;
    p.Put("{\"events\": [x, 3, ");
    Timeline tl;
    LoadResult res;
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(LoadTimelineFd(p.Read, LoadOptions(), &tl, &res));
    EXPECT_LT(SecondsSince(t0), 2.0);
    ASSERT_FALSE(res.Diagnostics.empty());
    EXPECT_EQ(res.Diagnostics[0].Line, 1);
    EXPECT_EQ(res.Diagnostics[0].Column, 13);
}

// A load that waits for data ends soon after Cancel is set.
TEST(LoadFile, CancelEndsAWaitForData)
{
    Pipe p;
    p.Put("{\"events\": [");
    std::atomic<bool> cancel{ false };
    LoadOptions opt;
    opt.Cancel = &cancel;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel = true;
    });
    Timeline tl;
    LoadResult res;
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(LoadTimelineFd(p.Read, opt, &tl, &res));
    double took = SecondsSince(t0);
    canceller.join();
    EXPECT_GE(took, 0.19);
    EXPECT_LT(took, 3.0);  // (generous: a busy machine)
    EXPECT_EQ(OnlyMessage(res), "the load was cancelled");
}

TEST(LoadFile, FifoWithAWriter)
{
    Fifo f("cs_fifo_writer");
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // comes after the reader opened it
        FILE* w = fopen(f.Path.c_str(), "wb");
        ASSERT_NE(w, nullptr);
        fputs(kThreeEvents, w);
        fclose(w);
    });
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFile(f.Path.c_str(), LoadOptions(), &tl, &res)) << Dump(res);
    writer.join();
    EXPECT_EQ(tl.Events.size(), 3u);
}

TEST(LoadFile, FifoWithoutAWriterGivesUp)
{
    Fifo f("cs_fifo_none");
    LoadOptions opt;
    opt.WaitForWriterMs = 300;
    Timeline tl;
    LoadResult res;
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_FALSE(LoadTimelineFile(f.Path.c_str(), opt, &tl, &res));
    double took = SecondsSince(t0);
    EXPECT_GE(took, 0.29);
    EXPECT_LT(took, 3.0);
    EXPECT_EQ(OnlyMessage(res), "nothing opened the FIFO for writing within 0.3 s");
    EXPECT_EQ(LoadOptions().WaitForWriterMs, 5000);
}

// A writer that opened the FIFO is waited for however slow (only Cancel ends that), and without a limit on the wait
// for a writer only Cancel ends the wait.
TEST(LoadFile, FifoWaitsEndOnlyWithCancel)
{
    for (bool with_writer : { true, false }) {
        Fifo f("cs_fifo_slow");
        int w = with_writer ? open(f.Path.c_str(), O_RDWR) : -1;  // (O_RDWR: a writer that does not wait for a reader)
        std::atomic<bool> cancel{ false };
        LoadOptions opt;
        opt.Cancel = &cancel;
        opt.WaitForWriterMs = with_writer ? 100 : -1;
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            cancel = true;
        });
        Timeline tl;
        LoadResult res;
        auto t0 = std::chrono::steady_clock::now();
        EXPECT_FALSE(LoadTimelineFile(f.Path.c_str(), opt, &tl, &res));
        double took = SecondsSince(t0);
        canceller.join();
        if (w >= 0)
            close(w);
        EXPECT_GE(took, 0.49) << with_writer;
        EXPECT_LT(took, 3.0) << with_writer;
        EXPECT_EQ(OnlyMessage(res), "the load was cancelled") << with_writer;
    }
}

// Standard input may be a regular file that a script has read a part of: the rest is the input.
TEST(LoadFile, DescriptorReadsFromWhereItStands)
{
    std::string path = TempPath("cs_fd_offset", ".json");
    FILE* f = fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    fputs("header line\n", f);
    fputs(kThreeEvents, f);
    fclose(f);
    int fd = open(path.c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(lseek(fd, 12, SEEK_SET), 12);
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFd(fd, LoadOptions(), &tl, &res)) << Dump(res);
    EXPECT_EQ(tl.Events.size(), 3u);
    close(fd);
    remove(path.c_str());
}

TEST(LoadFile, WhatCannotBeReadIsNamed)
{
    Timeline tl;
    LoadResult res;
    EXPECT_FALSE(LoadTimelineFile(::testing::TempDir().c_str(), LoadOptions(), &tl, &res));
    EXPECT_EQ(OnlyMessage(res), "is a directory");

    std::string sock_path = TempPath("cs_load", ".sock");
    unlink(sock_path.c_str());
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(s, 0);
    sockaddr_un addr;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    ASSERT_LT(sock_path.size(), sizeof(addr.sun_path));
    strcpy(addr.sun_path, sock_path.c_str());
    ASSERT_EQ(bind(s, (sockaddr*)&addr, sizeof(addr)), 0) << strerror(errno);
    EXPECT_FALSE(LoadTimelineFile(sock_path.c_str(), LoadOptions(), &tl, &res));
    EXPECT_EQ(OnlyMessage(res), "is a socket, not a file");
    close(s);
    unlink(sock_path.c_str());

    EXPECT_FALSE(LoadTimelineFile("/nonexistent/dir/none.json", LoadOptions(), &tl, &res));
    EXPECT_EQ(OnlyMessage(res), "cannot open: No such file or directory");
}

// A socket as a descriptor (a program's standard input may be one) is a stream like a pipe.
TEST(LoadFile, SocketDescriptorIsAStream)
{
    int sv[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    ASSERT_EQ(write(sv[1], kThreeEvents, strlen(kThreeEvents)), (ssize_t)strlen(kThreeEvents));
    close(sv[1]);
    Timeline tl;
    LoadResult res;
    EXPECT_TRUE(LoadTimelineFd(sv[0], LoadOptions(), &tl, &res)) << Dump(res);
    EXPECT_EQ(tl.Events.size(), 3u);
    close(sv[0]);
}

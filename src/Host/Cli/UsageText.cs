namespace AiVideo.Host.Cli;

public static class UsageText
{
    public const string Text = """
        aivideo — faceless short videos, end to end, offline by default.

        Usage:
          aivideo make --channel FILE --brief FILE [options]
              --out DIR                 where <runId>/final.mp4, report.json and published/ go (default: out)
              --size WxH                output size (default 1080x1920; e.g. 720x1280)
              --fps N                   frames per second, 1..60 (default 30)
              --render-concurrency N    shots rendered at once, 1..8 (default 2)
              --workspace DIR           artifact workspace shared with the MCP servers (default .aivideo/workspace)
              --mcp-config FILE         MCP servers to start (default mcp.json)
              --json                    print report.json to stdout when done
              --quiet                   no progress lines
          aivideo mcp config [--mcp-config FILE] [--workspace DIR] [--out DIR]
              print a Claude Desktop "mcpServers" block with absolute paths
          aivideo help

        Exit codes: 0 published, 1 dead-lettered (see report.json), 2 bad input.
        """;
}

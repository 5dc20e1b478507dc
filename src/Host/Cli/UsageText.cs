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
              --trends FILE             trend notes for the ideation agent (used when a model is configured)
              --deadline MIN            stop and dead-letter a run not finished after MIN minutes (default 30)
              --chaos SPEC              inject faults into every provider, e.g. "rate=0.03,seed=7" (testing)
              --no-memory               write without recalling the channel's past performance
              --json                    print report.json to stdout when done
              --quiet                   no progress lines
              --dry-run                 print the script, each shot's source and the estimated cost; spend nothing
          aivideo chat [--channel FILE] [--message TEXT] [run options: --out --size --fps --render-concurrency
                       --workspace --mcp-config --trends --deadline]
              talk to the orchestrator agent (needs a model; slash commands work without one):
              /help, /runs, /make BRIEF.md, /exit; Ctrl+C cancels the answer being written.
              --message runs one turn and exits (0 answered, 1 failed, 2 bad input or no model)
          aivideo campaign run PLAN.json [make options]
              make every video of a campaign plan in order, past failures; prints a summary table
          aivideo runs list|show ID [--out DIR]               the run store (<out>/aivideo.db)
          aivideo runs resume ID [--out DIR] [--quiet]        continue an interrupted run from its latest checkpoint
          aivideo resume --all [--out DIR] [--quiet]          resume every interrupted run (each under a lease)
          aivideo dlq list|show ID [--out DIR]                dead letters and partially published runs
          aivideo dlq retry ID [--out DIR] [--quiet]          resume at the failed step (missing platforms only)
          aivideo dlq discard ID [--remove-artifacts] [--out DIR]   end a dead letter for good
          ./aivideo bench reliability|learning|orchestration|vectors|assembly …   benchmarks (bench/AiVideo.Bench; ./aivideo bench help)
          aivideo metrics import FILE.csv [--out DIR]         record metrics; bad rows listed by line, nothing imported
          aivideo metrics pull --platform youtube_shorts|tiktok --channel ID [--out DIR]   from the analytics APIs
          aivideo metrics list --channel ID [--platform P] [--out DIR]   P: tiktok|youtube_shorts|instagram_reels|webhook
          aivideo memory recall --channel ID --topic TEXT [--out DIR]   what ideation would be given
          aivideo costs [--channel ID] [--month YYYY-MM] [--by day|run] [--out DIR]
              the cost ledger: calls, estimated, actual, reserved-open per provider and day (or run), against the caps
          aivideo channel voice ID [--channel FILE] [--out DIR]   the voice lock: locked voice, accepted changes, current
          aivideo channel accept-voice ID [--channel FILE] [--out DIR]   accept a changed voice (refused runs then proceed)
          aivideo mcp config [--mcp-config FILE] [--workspace DIR] [--out DIR]
              print a Claude Desktop "mcpServers" block with absolute paths
          aivideo completion bash                             bash completion: source <(aivideo completion bash)
          aivideo help [COMMAND]                              this overview, or a command's help
          aivideo COMMAND --help                              every command's options (-h works too)

        Model: offline by default. Configure with appsettings.json, user secrets or environment variables,
        e.g. AIVIDEO__MODEL__PROVIDER=openai AIVIDEO__MODEL__MODEL=gpt-4o-mini AIVIDEO__MODEL__APIKEY=…
        (providers: offline, openai, azure-openai, anthropic, ollama, openai-compatible).

        Exit codes: 0 published, 1 dead-lettered (see report.json), 3 partially published, 2 bad input (one line on stderr).
        """;
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationDsl.Engine.Api;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Once the host's logging is configured, everything `esc serve` says is a log entry in the console
/// format chosen (Logging:Console:FormatterName), so a collector that reads JSON lines reads all of it;
/// before, a setting it cannot use is one plain `esc serve:` line. Run as a real process: the log goes
/// to the process's own standard error.
/// </summary>
public sealed partial class ServeLogFormatTests : IDisposable
{
    private const string Key = "serve-log-test-key-0123456789";

    private readonly string folder = Directory.CreateTempSubdirectory("esc-serve-log-").FullName;

    public ServeLogFormatTests()
    {
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        File.Copy(Path.Combine(RepoPaths.Policies, "support.esc"), Path.Combine(folder, "policies", "support.esc"));
    }

    [Fact]
    public async Task WithTheJsonFormatterEveryLineOfARunIsAJsonEntry()
    {
        // `esc serve: listening on URL` was plain text among the JSON entries, which a collector could not parse.
        var run = await ServeAnEventAndStop("json");

        run.Code.ShouldBe(0);
        var entries = run.Lines.Select(Entry).ToList();
        var listening = entries.Where(e => (string?)e["Category"] == "EscalationDsl.Cli.Serve").ShouldHaveSingleItem();
        ((string?)listening["LogLevel"]).ShouldBe("Information");
        ((string?)listening["State"]!["{OriginalFormat}"]).ShouldBe("Listening on {Urls}");
        ((string?)listening["State"]!["Urls"]).ShouldBe(run.Url);
        var stopped = entries.Last();
        ((string?)stopped["Message"]).ShouldBe("Engine stopped: 1 open ticket, taken up again at the next start");
        entries.IndexOf(listening).ShouldBeGreaterThan(entries.FindIndex(e => ((string?)e["Message"])!.StartsWith("Engine ready", StringComparison.Ordinal)), "in order with the engine's entries");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("simple")]
    public async Task WithTheSimpleFormatterTheListeningLineIsAnEntryLikeTheOthers(string? formatter)
    {
        var run = await ServeAnEventAndStop(formatter);

        run.Code.ShouldBe(0);
        run.Lines.ShouldAllBe(l => l.StartsWith("info: ", StringComparison.Ordinal) || l.StartsWith("warn: ", StringComparison.Ordinal), "one entry a line, each in the simple format");
        run.Lines.ShouldContain($"info: EscalationDsl.Cli.Serve[0] Listening on {run.Url}");
        run.Lines[^1].ShouldBe("info: EscalationDsl.Engine.Processing.EngineService[0] Engine stopped: 1 open ticket, taken up again at the next start");
    }

    [Fact]
    public async Task WithTheJsonFormatterAnAddressInUseIsAJsonEntry()
    {
        // The address is found in use once the host's logging is up: the one line is an entry too.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await Serve("json", [.. Isolated(), "--listen", url]);

        run.Code.ShouldBe(2);
        var failure = run.Lines.Select(Entry).Last();
        ((string?)failure["Category"]).ShouldBe("EscalationDsl.Cli.Serve");
        ((string?)failure["LogLevel"]).ShouldBe("Error");
        ((string?)failure["State"]!["Problem"]).ShouldBe($"Engine:Listen: Failed to bind to address {url}: address already in use; another process listens there (choose another port, or port 0 for a free one)");
    }

    [Fact]
    public async Task ASettingItCannotUseIsOnePlainLineWhateverTheFormatter()
    {
        // Found before the host's logging is configured (Logging:Console:FormatterName among the settings checked).
        var run = await Serve("json", [.. Isolated(), "--Engine:MaxBatchEvents=lots"]);

        run.Code.ShouldBe(2);
        run.Lines.ShouldBe(["esc serve: Engine:MaxBatchEvents: 'lots' is not a whole number"]);
    }

    [Fact]
    public async Task TheQuickStartShowsTheLinesServePrints()
    {
        // The README shows how the log of `esc serve` on the shipped policies ends: with no key configured, and its
        // own address and working folder (the test's, with a free port).
        const string Clone = "/home/you/EscalationDsl";
        var shown = File.ReadAllLines(RepoPaths.Combine("README.md"))
            .SkipWhile(l => !l.StartsWith("# its log, on standard error, ends with", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.StartsWith("#   ", StringComparison.Ordinal)).Select(l => l["#   ".Length..]).ToList();
        shown.Count.ShouldBe(3);

        var run = await Serve(null, ["--Engine:Listen=http://127.0.0.1:0", "--db", Path.Combine(folder, "engine.db"), "--policies", RepoPaths.Policies], Stop);

        run.Code.ShouldBe(0);
        var expected = shown.Select(l => l.Replace("http://127.0.0.1:8080", run.Url, StringComparison.Ordinal).Replace(Clone, folder, StringComparison.Ordinal));
        run.Lines.SkipWhile(l => !l.Contains("Engine ready", StringComparison.Ordinal)).Take(3).ShouldBe(expected);
    }

    private static Task Stop(Process process, string url)
    {
        EscProcess.Signal(process, "TERM");
        return Task.CompletedTask;
    }

    /// <summary>The test's files, a free port (--listen wins over it) and a key.</summary>
    private string[] Isolated() =>
    [
        "--Engine:Listen=http://127.0.0.1:0", "--db", Path.Combine(folder, "engine.db"), "--policies", Path.Combine(folder, "policies"),
        $"--Engine:ApiKeys:0={ApiKeys.Hash(Key)}",
    ];

    /// <summary>Starts esc serve, posts a created event once it listens, then stops it with SIGTERM.</summary>
    private async Task<Run> ServeAnEventAndStop(string? formatter) => await Serve(formatter, Isolated(), async (process, url) =>
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
        var at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var body = new StringContent(
            $$"""{"id":"e1","ticket":"INC-1","at":"{{at}}","type":"created","policy":"support","severity":"sev3","issue_type":"other"}""",
            Encoding.UTF8,
            "application/json");
        using var answer = await http.PostAsync(new Uri("/v1/events", UriKind.Relative), body);
        answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());
        await Stop(process, url);
    });

    /// <summary>
    /// `esc serve ARGUMENTS` in a child process in the test's folder, with <paramref name="formatter"/>
    /// (null: none configured). Once it says where it listens, <paramref name="listening"/> gets the process and
    /// the address; the run is waited for to its end. Lines holds standard output and then standard error.
    /// </summary>
    private async Task<Run> Serve(string? formatter, string[] arguments, Func<Process, string, Task>? listening = null)
    {
        var start = EscProcess.Esc(["serve", .. arguments]);
        start.WorkingDirectory = folder;
        if (formatter is not null)
        {
            start.Environment["ESC_Logging__Console__FormatterName"] = formatter;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.Append(e.Data).Append(e.Data is null ? "" : "\n");
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.Append(e.Data).Append(e.Data is null ? "" : "\n");
            }

            if (e.Data is not null && ListeningOn().Match(e.Data) is { Success: true } match)
            {
                url.TrySetResult(match.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var bound = TimeSpan.FromSeconds(60);
            if (listening is not null)
            {
                await Task.WhenAny(process.WaitForExitAsync(), url.Task).WaitAsync(bound);
                url.Task.IsCompleted.ShouldBeTrue($"esc serve said where it listens:\n{error}");
                await listening(process, await url.Task);
            }

            await process.WaitForExitAsync().WaitAsync(bound);
            string text;
            lock (output)
            {
                lock (error)
                {
                    text = output.ToString() + error;
                }
            }

            return new Run(process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries), url.Task.IsCompleted ? await url.Task : null);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>The line as a JSON object; it fails the test, quoting the line, when it is none.</summary>
    private static JsonObject Entry(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new Shouldly.ShouldAssertException($"not a JSON entry ({e.Message}): {line}");
        }
    }

    // Either case: as a plain line it was `esc serve: listening on URL`, and a run without the entry still gets to the checks.
    [GeneratedRegex(@"[Ll]istening on (http://[^\s"",]+)")]
    private static partial Regex ListeningOn();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed record Run(int Code, string[] Lines, string? Url);
}

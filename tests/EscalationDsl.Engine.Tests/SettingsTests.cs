using System.Net.Sockets;
using EscalationDsl.Engine.Api;
using EscalationDsl.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Settings the engine cannot use stop it before it starts, with a message that starts with the
/// setting; nothing is created or changed on disk.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly StartFolder start = new("esc-settings-");

    private readonly string folder;

    public SettingsTests() => folder = start.Path;

    [Theory]
    [InlineData("--Engine:Listen=garbage", "Engine:Listen: 'garbage' is not an address to listen on")]
    // The crash hunt's F2: Kestrel cannot give localhost's two addresses one free port, and the start was an internal error.
    [InlineData("--Engine:Listen=http://localhost:0", "Engine:Listen: 'http://localhost:0': port 0 (a free port) cannot be picked for localhost, which is two addresses; write http://127.0.0.1:0 (or http://[::1]:0)")]
    // The crash hunt's F1: the host's Logging section was not checked, and a bad value was an internal error with a stack trace.
    [InlineData("--Logging:LogLevel:Default=Loud", "Logging:LogLevel:Default: 'Loud' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)")]
    [InlineData("--Logging:LogLevel:Microsoft=Warnin", "Logging:LogLevel:Microsoft: 'Warnin' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None); did you mean Warning?")]
    [InlineData("--Logging:Console:LogLevel:Default=x", "Logging:Console:LogLevel:Default: 'x' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)")]
    [InlineData("--Logging:EventSource:LogLevel:Default=x", "Logging:EventSource:LogLevel:Default: 'x' is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)")]
    [InlineData("--Logging:Console:MaxQueueLength=-1", "Logging:Console:MaxQueueLength: '-1' cannot be used: value must be larger than zero")]
    [InlineData("--Logging:Console:QueueFullMode=Explode", "Logging:Console:QueueFullMode: 'Explode' cannot be used: give one of Wait, DropWrite")]
    [InlineData("--Logging:Console:FormatterOptions:JsonWriterOptions:MaxDepth=-3", "Logging:Console:FormatterOptions:JsonWriterOptions:MaxDepth: '-3' cannot be used: Max depth must be positive")]
    [InlineData("--Logging:Console:FormatterOptions:TimestampFormat=5", "Logging:Console:FormatterOptions:TimestampFormat: '5' is not a date and time format; write one such as HH:mm:ss or yyyy-MM-ddTHH:mm:ss.fffzzz")]
    // The crash hunt's F7: Kestrel's endpoints won over Engine:Listen, unchecked ("garbage" was a FormatException).
    [InlineData("--Kestrel:Endpoints:H:Url=garbage", "Kestrel:Endpoints: the engine listens where Engine:Listen (or esc serve --listen) says, which is checked; remove the Kestrel endpoints and set Engine:Listen, such as http://127.0.0.1:8080 (docs/engine.md#configuration)")]
    [InlineData("--Engine:Listen=http://127.0.0.1:99999", "Engine:Listen: 'http://127.0.0.1:99999' is not an address to listen on")]
    [InlineData("--Engine:Listen=http://127.0.0.1", "Engine:Listen: 'http://127.0.0.1' has no port (it would listen on port 80); write http://ADDRESS:PORT")]
    [InlineData("--Engine:Listen=http://[::1]/", "Engine:Listen: 'http://[::1]/' has no port")]
    [InlineData("--Engine:Listen=https://127.0.0.1:0", "Engine:Listen: 'https://127.0.0.1:0': the engine serves plain HTTP")]
    [InlineData("--Engine:Listen=http://engine.example:8080", "Engine:Listen: 'http://engine.example:8080': 'engine.example' is not an IP address")]
    [InlineData("--Engine:Listen=http://[::1:8080", "Engine:Listen: 'http://[::1:8080': '[::1' is not an IP address")]
    [InlineData("--Engine:Listen=http://127.0.0.1:abc", "Engine:Listen: 'http://127.0.0.1:abc': 'abc' is not a port number (0 to 65535); write http://ADDRESS:PORT")]
    [InlineData("--Engine:Listen=http://[::1]:80x/", "Engine:Listen: 'http://[::1]:80x/': '80x' is not a port number")]
    [InlineData("--Engine:Listen=http://::1]:8080", "Engine:Listen: 'http://::1]:8080'")]
    [InlineData("--Engine:Database=/nonexistent/dir/x.db", "Engine:Database: the folder /nonexistent/dir does not exist")]
    [InlineData("--Engine:Policies=/nonexistent", "Engine:Policies: the policy folder /nonexistent does not exist")]
    [InlineData("--Engine:Policies=", "Engine:Policies: is empty; name the folder that holds the .esc files")]
    [InlineData("--Engine:Delivery:Timeout=02:00:00", "Engine:Delivery:Timeout: must be at most 1 hour, not 2 hours")]
    [InlineData("--Engine:ReloadQuietPeriod=60.00:00:00", "Engine:ReloadQuietPeriod: must be at most 1 hour, not 60 days")]
    [InlineData("--Engine:FutureTolerance=abc", "Engine:FutureTolerance: 'abc' is not a duration such as 00:05:00")]
    [InlineData("--Engine:ReadyLagThreshold=-00:00:01", "Engine:ReadyLagThreshold: must be longer than zero, not -1 second")]
    [InlineData("--Engine:ReloadQuietPeriod=00:00:00", "Engine:ReloadQuietPeriod: must be longer than zero")]
    [InlineData("--Engine:MaxBatchEvents=lots", "Engine:MaxBatchEvents: 'lots' is not a whole number")]
    [InlineData("--Engine:MaxBatchEvents=0", "Engine:MaxBatchEvents: must be at least 1, not 0")]
    [InlineData("--Engine:RequireKeyForReads=maybe", "Engine:RequireKeyForReads: 'maybe' is not true or false")]
    [InlineData("--Engine:Synchronous=OFF", "Engine:Synchronous: 'OFF' must be FULL, NORMAL or EXTRA")]
    [InlineData("--Engine:ApiKeys:0=secret", "Engine:ApiKeys:0: must be 'sha256:' and 64 hex digits")]
    [InlineData("--Engine:ApiKeys=sha256:00", "Engine:ApiKeys: is a list; give its items as Engine:ApiKeys:0")]
    [InlineData("--Engine:Listn=http://127.0.0.1:0", "Engine:Listn: is not a setting; did you mean Engine:Listen?")]
    [InlineData("--Engine:Colour=red", "Engine:Colour: is not a setting; the settings of Engine are Listen, Database,")]
    [InlineData("--Engine:Delivery:Retries=3", "Engine:Delivery:Retries: is not a setting; the settings of Engine:Delivery are Timeout,")]
    [InlineData("--Engine:Delivery:MaxBackoff=00:00:00.5", "Engine:Delivery:MaxBackoff: 500 milliseconds is shorter than Engine:Delivery:Backoff (1 second)")]
    public void ABadSettingStopsTheEngineWithAMessageNamingIt(string setting, string message)
    {
        var e = Should.Throw<EngineConfigurationException>(() => Build(setting));

        e.Message.ShouldStartWith(message);
        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse("nothing is created before the settings are checked");
    }

    [Theory]
    [InlineData("127.0.0.1:8093", "; did you mean http://127.0.0.1:8093?")]
    [InlineData("localhost:8080", "; did you mean http://localhost:8080?")]
    [InlineData("[::1]:8080", "; did you mean http://[::1]:8080?")]
    [InlineData("8093", "; did you mean http://127.0.0.1:8093?")]
    [InlineData("engine.example:8080", "")]
    [InlineData("127.0.0.1:99999", "")]
    [InlineData("127.0.0.1", "")]
    public void AnAddressWithoutItsSchemeSuggestsItWithHttp(string listen, string meant)
    {
        // A new user wrote --listen 127.0.0.1:8093 and was told only that it is not an address. A suggestion is
        // made only when the address with http:// in front would be taken.
        var e = Should.Throw<EngineConfigurationException>(() => Build($"--Engine:Listen={listen}"));

        e.Message.ShouldBe($"Engine:Listen: '{listen}' is not an address to listen on; write http://ADDRESS:PORT, such as http://127.0.0.1:8080 (port 0 picks a free port){meant}");
    }

    [Fact]
    public async Task WebhookCallsTimeOutAtTheDeliveryTimeoutNotTheHttpClientsOwnHundredSeconds()
    {
        await using var app = Build("--Engine:Delivery:Timeout=00:05:00");

        var factory = app.Services.GetRequiredService<System.Net.Http.IHttpClientFactory>();

        factory.CreateClient("sinks").Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public void APolicyFolderThatIsAFileIsCalledAFile()
    {
        var file = RepoPaths.Combine("README.md");

        var e = Should.Throw<EngineConfigurationException>(() => Build($"--Engine:Policies={file}"));

        e.Message.ShouldBe($"Engine:Policies: {file} is a file; name the folder that holds the .esc files");
    }

    [Theory]
    [InlineData("Type=file", "Path=x.jsonl", "Nmae=x", "Engine:Sinks:0:Nmae: is not a setting; did you mean Engine:Sinks:0:Name?")]
    [InlineData("Type=file", "Path=/nonexistent/x.jsonl", "Owners:0=*", "Engine:Sinks:0:Path: the folder /nonexistent does not exist")]
    [InlineData("Type=file", "Path=x.jsonl", "Kinds:0=pages", "Engine:Sinks:0:Kinds:0: 'pages' is not a decision kind; did you mean 'page'?")]
    [InlineData("Type=file", "Path=x.jsonl", "Kinds:first=page", "Engine:Sinks:0:Kinds:first: 'first' is not an item number")]
    [InlineData("Type=webhook", "Url=/hook", "Secret=s", "Engine:Sinks:0:Url: a webhook sink needs an absolute http(s) URL")]
    [InlineData("Type=webhook", "Url=127.0.0.1:9911/hook", "Secret=s", "Engine:Sinks:0:Url: a webhook sink needs an absolute http(s) URL; did you mean http://127.0.0.1:9911/hook?")]
    [InlineData("Type=webhook", "Url=localhost:9911", "Secret=s", "Engine:Sinks:0:Url: a webhook sink needs an absolute http(s) URL; did you mean http://localhost:9911?")]
    [InlineData("Type=webhook", "Url=http://127.0.0.1:9/hook", "Owners:0=*", "Engine:Sinks:0:Secret: webhook sink 'log' needs a signing secret, the key its receiver checks signatures with")]
    [InlineData("Type=webhook", "Url=http://127.0.0.1:9/hook", "Secret=   ", "Engine:Sinks:0:Secret: is only spaces; give the signing secret the receiver checks signatures with")]
    [InlineData("Type=file", "Path=x.jsonl", "Url=http://127.0.0.1:9/hook", "Engine:Sinks:0:Url: a file sink appends to its Path; Url is for webhook sinks")]
    [InlineData("Type=file", "Path=x.jsonl", "Secret=s", "Engine:Sinks:0:Secret: a file sink signs nothing; Secret is for webhook sinks")]
    public void ABadSinkSettingNamesTheSinkAndTheSetting(string a, string b, string c, string message)
    {
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=log", $"--Engine:Sinks:0:{a}", $"--Engine:Sinks:0:{b}", $"--Engine:Sinks:0:{c}"));

        e.Message.ShouldStartWith(message);
    }

    [Fact]
    public void OneSinkWrittenWithoutItsItemNumberIsToldToNumberIt()
    {
        // Engine:Sinks:Name read as an item named Name: "'Name' is not an item number" (h-user2 S2).
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:Name=log", "--Engine:Sinks:Type=file", "--Engine:Sinks:Path=x.jsonl"));

        e.Message.ShouldBe("Engine:Sinks: is a list; give the settings of its first item as Engine:Sinks:0:Name, of the next as Engine:Sinks:1:...");
    }

    [Fact]
    public void AWebhookSinkWithAPathIsRefused()
    {
        // The Path was ignored: a mix-up of the two sink types went unnoticed.
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=hook", "--Engine:Sinks:0:Type=webhook", "--Engine:Sinks:0:Url=http://127.0.0.1:9/hook",
            "--Engine:Sinks:0:Secret=s", "--Engine:Sinks:0:Path=x.jsonl"));

        e.Message.ShouldBe("Engine:Sinks:0:Path: a webhook sink posts to its Url; Path is for file sinks");
    }

    [Theory]
    [InlineData("engine.db", "engine.db is the engine's database (Engine:Database)")]
    [InlineData("engine.db-shm", "engine.db-shm is the engine's write-ahead log index")]
    public void TheKeyFileMayNotBeOneOfTheDatabasesFiles(string file, string what)
    {
        // The database's bytes were read as the key (no client could authenticate), or the key written into it.
        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys(
            $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:ApiKeyFile={Path.Combine(folder, file)}"));

        e.Message.ShouldBe($"Engine:ApiKeyFile: {Path.Combine(folder, what)}; keep the key in a file of its own");
    }

    [Theory]
    [InlineData("/nonexistent/dir/escalation.key")]
    [InlineData("FOLDER/engine.db")]
    [InlineData("FOLDER/decisions.jsonl")]
    public async Task TheKeyFileIsNotCheckedWhenKeysAreConfigured(string keyFile)
    {
        // The engine neither reads nor makes the file then, but a leftover key file setting (in a
        // folder that does not exist, the database, a sink's file) refused the configuration.
        await using var app = Build(
            $"--Engine:ApiKeyFile={keyFile.Replace("FOLDER", folder, StringComparison.Ordinal)}",
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "decisions.jsonl")}");

        app.Services.GetRequiredService<EngineOptions>().ApiKeys.ShouldBe([ApiKeys.Hash(EngineFixture.Key)]);
    }

    [Theory]
    [InlineData("engine.db", "engine.db is the engine's database (Engine:Database); give the sink a file of its own")]
    [InlineData("engine.db-wal", "engine.db-wal is the engine's write-ahead log; give the sink a file of its own")]
    [InlineData("engine.db-journal", "engine.db-journal is the engine's rollback journal; give the sink a file of its own")]
    // The crash hunt's F5: decisions appended to a policy got it refused, and to a settings file broke the next start.
    [InlineData("policies/support.esc", "policies/support.esc is a policy file in the policy folder (Engine:Policies), which the engine reads; give the sink a file outside it, or with another name")]
    [InlineData("policies/team/new.esc", "policies/team/new.esc is a policy file in the policy folder (Engine:Policies), which the engine reads; give the sink a file outside it, or with another name")]
    [InlineData("policies/.esclint.json", "policies/.esclint.json is the lint settings file in the policy folder (Engine:Policies), which the engine reads; give the sink a file outside it, or with another name")]
    [InlineData("escalation.key", "escalation.key is the API key file (Engine:ApiKeyFile); give the sink a file of its own")]
    [InlineData("other.jsonl", "other.jsonl is the file of sink 'other' too; give each sink a file of its own")]
    public void AFileSinkMayNotWriteIntoTheEnginesOwnFilesOrAnotherSinks(string file, string message)
    {
        // Decisions were appended to the database (or the key file), damaging it.
        Directory.CreateDirectory(Path.Combine(folder, "policies", "team"));
        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys(
            $"--Engine:ApiKeyFile={Path.Combine(folder, "escalation.key")}",
            "--Engine:Sinks:0:Name=other", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "other.jsonl")}",
            "--Engine:Sinks:1:Name=log", "--Engine:Sinks:1:Type=file", $"--Engine:Sinks:1:Path={Path.Combine(folder, file)}"));

        e.Message.ShouldBe($"Engine:Sinks:1:Path: {Path.Combine(folder, message)}");
    }

    [Fact]
    public void AFileSinkMayNotWriteIntoASettingsFile()
    {
        // The settings files are read from the working directory: appsettings.json, there or not.
        var settings = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");

        var e = Should.Throw<EngineConfigurationException>(() => Build("--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={settings}"));

        e.Message.ShouldBe($"Engine:Sinks:0:Path: {settings} is a settings file of the engine (appsettings.json); give the sink a file of its own");
    }

    [Theory]
    [InlineData("log", "LOG", "Engine:Sinks:1:Name: every sink needs a unique name: 'LOG' is the name of sink 'log' but for letter case or spaces around it")]
    [InlineData("log", "log ", "Engine:Sinks:1:Name: every sink needs a unique name: 'log ' is the name of sink 'log' but for letter case or spaces around it")]
    [InlineData("log", "a\0b", "Engine:Sinks:1:Name: 'a\0b' holds a control character; give the sink a name of printable characters")]
    public void SinkNamesAreDistinctIgnoringCaseAndPrintable(string first, string second, string message)
    {
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            $"--Engine:Sinks:0:Name={first}", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "a.jsonl")}",
            $"--Engine:Sinks:1:Name={second}", "--Engine:Sinks:1:Type=file", $"--Engine:Sinks:1:Path={Path.Combine(folder, "b.jsonl")}"));

        e.Message.ShouldBe(message);
    }

    [Fact]
    public async Task AFileSinkThroughALinkIsCheckedAsTheFileTheLinkNames()
    {
        // From the review: a sink whose Path was a link to the database appended its lines into it (the decisions
        // were lost, marked delivered); a link to a file not made yet was refused, though the sink's append makes it.
        var database = Path.Combine(folder, "engine.db");
        File.CreateSymbolicLink(Path.Combine(folder, "decisions.log"), database);
        File.CreateSymbolicLink(Path.Combine(folder, "later.log"), Path.Combine(folder, "later-target.jsonl"));

        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "decisions.log")}"));
        e.Message.ShouldBe($"Engine:Sinks:0:Path: {Path.Combine(folder, "decisions.log")} (a link to {database}) is the engine's database (Engine:Database); give the sink a file of its own");

        await using var app = Build("--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "later.log")}");
        File.Exists(Path.Combine(folder, "later-target.jsonl")).ShouldBeFalse("the check makes the file and removes it again");
    }

    [Fact]
    public void AFileSinkThroughALinkWhoseTargetPassesAFolderLinkIsCheckedAsTheFileAtTheEnd()
    {
        // From the review (F1): the link's target was taken as written, its folder link not followed; the sink
        // was accepted and appended its lines into the database, lost at the next checkpoint.
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "dirlink"), "real");
        File.CreateSymbolicLink(Path.Combine(folder, "filelink"), Path.Combine(folder, "dirlink", "engine.db"));
        var database = Path.Combine(folder, "real", "engine.db");

        var e = Should.Throw<EngineConfigurationException>(() => Build(
            $"--Engine:Database={database}",
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "filelink")}"));

        e.Message.ShouldBe($"Engine:Sinks:0:Path: {Path.Combine(folder, "filelink")} (a link to {database}) is the engine's database (Engine:Database); give the sink a file of its own");
    }

    [Fact]
    public void AFileSinkPathGoingUpFromAFolderLinkIsTheFileBesideTheLinkAsTheSinkOpensIt()
    {
        // "deep/../engine.db" with deep a link to real/inner: .NET takes "deep/.." away as written before the file is
        // opened, so the sink writes folder/engine.db, the database here. Checked realpath's way (real/engine.db, a file
        // of its own) it was accepted, and the sink appended into the live database (a review's F4).
        Directory.CreateDirectory(Path.Combine(folder, "real", "inner"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "deep"), Path.Combine(folder, "real", "inner"));
        var database = Path.Combine(folder, "engine.db");

        var e = Should.Throw<EngineConfigurationException>(() => Build(
            $"--Engine:Database={database}",
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={folder}/deep/../engine.db"));

        e.Message.ShouldContain("is the engine's database (Engine:Database); give the sink a file of its own");
    }

    [Fact]
    public void AFileSinkPathThroughALinkLoopIsRefusedWithTheSystemsReason()
    {
        // Links that lead back to themselves are followed 40 times at most, and the path is then left to the open.
        File.CreateSymbolicLink(Path.Combine(folder, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(folder, "b"), "a");

        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "a")}"));

        e.Message.ShouldStartWith($"Engine:Sinks:0:Path: cannot write {Path.Combine(folder, "a")}: ");
        e.Message.ShouldContain("symbolic links");
    }

    [Theory]
    [InlineData("Engine:Sinks:3:Url: a webhook sink needs an absolute http(s) URL", "--Engine:Sinks:3:Name=hook", "--Engine:Sinks:3:Type=webhook", "--Engine:Sinks:3:Url=/hook", "--Engine:Sinks:3:Secret=s")]
    [InlineData("Engine:Sinks:0:Kinds:2: 'pages' is not a decision kind", "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", "--Engine:Sinks:0:Path=x.jsonl", "--Engine:Sinks:0:Kinds:2=pages")]
    [InlineData("Engine:ApiKeys:5: must be 'sha256:' and 64 hex digits", "--Engine:ApiKeys:5=secret")]
    public void AListItemIsNamedAsConfiguredWhenTheNumbersHaveGaps(string message, params string[] settings)
    {
        // The binder numbers the items it finds from 0: the messages named Engine:Sinks:0 for a sink configured as Engine:Sinks:3.
        var e = Should.Throw<EngineConfigurationException>(() => Build(settings));

        e.Message.ShouldStartWith(message);
    }

    [Theory]
    [InlineData("Engine:Sinks:0:Type: is missing; write file or webhook", "--Engine:Sinks:0:Name=x")]
    [InlineData("Engine:Sinks:0:Type: is empty; write file or webhook", "--Engine:Sinks:0:Name=x", "--Engine:Sinks:0:Type=")]
    [InlineData("Engine:Sinks:0:Type: 'mail' is not a sink type (webhook, file)", "--Engine:Sinks:0:Name=x", "--Engine:Sinks:0:Type=mail")]
    [InlineData("Engine:Sinks:0:Type: 'File' is not a sink type (webhook, file); did you mean file? Types are lower case", "--Engine:Sinks:0:Name=x", "--Engine:Sinks:0:Type=File")]
    public void ASinkWithoutATypeSaysTheTypeIsMissing(string message, params string[] settings)
    {
        // A missing Type read as an empty one: "Engine:Sinks:0:Type: '' is not a sink type (webhook, file)".
        Should.Throw<EngineConfigurationException>(() => Build(settings)).Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("webhooks", "'webhooks' is not a sink type (webhook, file); did you mean webhook?")]
    [InlineData("fil", "'fil' is not a sink type (webhook, file); did you mean file?")]
    [InlineData("file ", "'file ' is not a sink type (webhook, file); write file without the spaces around it")]
    [InlineData(" FILE", "' FILE' is not a sink type (webhook, file); did you mean file? Types are lower case; the value has spaces around it")]
    public void ASinkTypeOneSlipOffSaysWhichTypeItProbablyIs(string type, string message)
    {
        // From the review (F14): only a type in other letter case (FILE) got a did-you-mean.
        var e = Should.Throw<EngineConfigurationException>(() => Build("--Engine:Sinks:0:Name=x", $"--Engine:Sinks:0:Type={type}"));

        e.Message.ShouldBe($"Engine:Sinks:0:Type: {message}");
    }

    [Fact]
    public void AnEmptySinkOwnerIsRefused()
    {
        // From the review (F7): an owner "" matched no ticket, and the sink silently got nothing for it.
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "d.jsonl")}",
            "--Engine:Sinks:0:Owners:0=network", "--Engine:Sinks:0:Owners:1="));

        e.Message.ShouldBe("Engine:Sinks:0:Owners:1: is empty; name an owner the policies declare, or * for every owner");
    }

    [Fact]
    public void EverySinkProblemIsReportedAtOnceEachWithItsSettingsFile()
    {
        // Only the first was reported: a sink list with several slips took as many starts to fix.
        var file = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(file, """
            { "Engine": { "Sinks": [
                { "Name": "pager", "Type": "webhook", "Url": "http://127.0.0.1:9/hook", "Kinds": ["pages", "escalation"] },
                { "Name": "chat", "Type": "webhook", "Url": "http://127.0.0.1:9/chat" },
                { "Name": "audit", "Type": "File", "Path": "x.jsonl" } ] } }
            """);

        var e = Should.Throw<EngineConfigurationException>(() => EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:Policies={Path.Combine(folder, "policies")}"],
            configure: c => c.AddJsonFile(file)));

        e.Message.Split('\n').ShouldBe([
            $"{file}: Engine:Sinks:0:Kinds:0: 'pages' is not a decision kind; did you mean 'page'?",
            $"{file}: Engine:Sinks:0:Kinds:1: 'escalation' is not a decision kind; did you mean 'escalate'?",
            $"{file}: Engine:Sinks:0:Secret: webhook sink 'pager' needs a signing secret, the key its receiver checks signatures with",
            $"{file}: Engine:Sinks:1:Secret: webhook sink 'chat' needs a signing secret, the key its receiver checks signatures with",
            $"{file}: Engine:Sinks:2:Type: 'File' is not a sink type (webhook, file); did you mean file? Types are lower case",
        ]);
    }

    [Fact]
    public void EveryBadKindOfASinkIsReportedAtOnce()
    {
        var e = Should.Throw<EngineConfigurationException>(() => Build(
            "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", "--Engine:Sinks:0:Path=x.jsonl", "--Engine:Sinks:0:Kinds:0=pages", "--Engine:Sinks:0:Kinds:1=escalation"));

        e.Message.Split('\n').ShouldBe([
            "Engine:Sinks:0:Kinds:0: 'pages' is not a decision kind; did you mean 'page'?",
            "Engine:Sinks:0:Kinds:1: 'escalation' is not a decision kind; did you mean 'escalate'?",
        ]);
    }

    [Theory]
    [InlineData("\"page\"", "\"Kinds\": [\"page\"]")]
    [InlineData("\"page, notify\"", "\"Kinds\": [\"page\", \"notify\"]")]
    public void AStringWhereASettingsFileNeedsAListShowsTheJsonList(string kinds, string list)
    {
        // The advice was the command line's, "give its items as Engine:Sinks:0:Kinds:0, ...", in a JSON file.
        var file = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(file, $$"""{ "Engine": { "Sinks": [ { "Name": "log", "Type": "file", "Path": "x.jsonl", "Kinds": {{kinds}} } ] } }""");

        var e = Should.Throw<EngineConfigurationException>(() => EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:Policies={Path.Combine(folder, "policies")}"],
            configure: c => c.AddJsonFile(file)));

        e.Message.ShouldBe($"{file}: Engine:Sinks:0:Kinds: is a list; write it in brackets: {list}");
    }

    [Fact]
    public async Task AKeyFileThatIsANamedPipeNoProcessWritesToIsRefusedWithoutWaiting()
    {
        // From the review (F18): the start waited for a writer, with no output, for ever.
        var pipe = Path.Combine(folder, "escalation.key");
        await NamedPipes.CreateAsync(pipe);
        try
        {
            var build = Task.Run(() => BuildWithoutKeys($"--Engine:ApiKeyFile={pipe}"));

            var e = await Should.ThrowAsync<EngineConfigurationException>(build.WaitAsync(TimeSpan.FromSeconds(30)));
            e.Message.ShouldBe($"Engine:ApiKeyFile: cannot read or create {pipe}: {ApiKeyFile.NoWriter}");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }

    [Fact]
    public void AFileSinkThatCannotBeWrittenIsRefusedAtStart()
    {
        // Found only when the first decision was delivered, and at every retry.
        var tooLong = Path.Combine(folder, new string('d', 250) + ".jsonl");

        Sink(tooLong).Message.ShouldBe($"Engine:Sinks:0:Path: cannot write {tooLong}: the file name is 256 bytes long, and file systems allow 255; give the sink a shorter name");
        if (OperatingSystem.IsLinux())
        {
            Sink("/proc/esc-decisions.jsonl").Message.ShouldBe(
                "Engine:Sinks:0:Path: cannot write /proc/esc-decisions.jsonl: the system makes no new files in /proc (a folder the system keeps for itself); give the sink a file in a folder the engine can write");
        }

        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse();

        EngineConfigurationException Sink(string path) =>
            Should.Throw<EngineConfigurationException>(() => Build("--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={path}"));
    }

    [Fact]
    public async Task TheFileSinksCheckLeavesItsFileAsItWas()
    {
        // A missing file is made and removed again, one that is there is not changed, and a pipe nobody reads does not hold the start.
        var there = Path.Combine(folder, "there.jsonl");
        File.WriteAllText(there, "{\"id\":\"A/1\"}\n");
        var pipe = Path.Combine(folder, "pipe");
        await NamedPipes.CreateAsync(pipe);

        await using var app = Build(
            "--Engine:Sinks:0:Name=new", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={Path.Combine(folder, "new.jsonl")}",
            "--Engine:Sinks:1:Name=there", "--Engine:Sinks:1:Type=file", $"--Engine:Sinks:1:Path={there}",
            "--Engine:Sinks:2:Name=pipe", "--Engine:Sinks:2:Type=file", $"--Engine:Sinks:2:Path={pipe}");

        File.Exists(Path.Combine(folder, "new.jsonl")).ShouldBeFalse();
        File.ReadAllText(there).ShouldBe("{\"id\":\"A/1\"}\n");
    }

    [Fact]
    public async Task AnEmptyJsonListIsAListWithNoItems()
    {
        // appsettings.json writes "no sinks" as "Sinks": []; it was refused as "is a list; give its items as ...".
        var json = """{ "Engine": { "ApiKeys": [], "Sinks": [ { "Name": "log", "Type": "file", "Path": "x.jsonl", "Owners": [], "Kinds": [] } ] } }""";
        await using var app = EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:Policies={Path.Combine(folder, "policies")}", $"--Engine:ApiKeyFile={Path.Combine(folder, "key")}"],
            configure: c => c.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        var options = app.Services.GetRequiredService<EngineOptions>();

        options.Sinks.Single().Kinds.ShouldBeEmpty();
        options.Sinks.Single().Owners.ShouldBeEmpty();
        options.ApiKeys.Count.ShouldBe(1, "the generated key's, as with no ApiKeys at all");
    }

    [Fact]
    public async Task AnAddressInUseIsReportedAsEngineListen()
    {
        using var taken = new TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        await using var app = Build($"--Engine:Listen={url}");

        var e = await Should.ThrowAsync<EngineConfigurationException>(() => EngineHost.StartAsync(app));

        e.Message.ShouldBe($"Engine:Listen: Failed to bind to address {url}: address already in use; another process listens there (choose another port, or port 0 for a free one)");
    }

    [Fact]
    public async Task SpacesAroundTheListenAddressesAreIgnoredAsTheCheckIgnoresThem()
    {
        // The check trimmed them but Kestrel was given the raw text and threw at start.
        await using var app = Build("--Engine:Listen= http://127.0.0.1:0 ; http://[::1]:0");

        await EngineHost.StartAsync(app);

        app.Urls.Count.ShouldBe(2);
        await app.StopAsync();
    }

    private Microsoft.AspNetCore.Builder.WebApplication Build(params string[] settings) => start.Build(settings);

    private Microsoft.AspNetCore.Builder.WebApplication BuildWithoutKeys(params string[] settings) => start.BuildWithoutKeys(settings);

    public void Dispose() => start.Dispose();
}

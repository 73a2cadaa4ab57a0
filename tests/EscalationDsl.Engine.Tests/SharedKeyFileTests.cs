using System.Net;
using System.Net.Sockets;
using EscalationDsl.Engine.Api;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Two starts that share a new key file (each on a database of its own): the one that makes the file
/// holds it until its start is decided, so the other never takes a key whose file the first removes
/// when its start fails; once the first listens, the file is everyone's to read and stays.
/// </summary>
public sealed class SharedKeyFileTests : IDisposable
{
    private readonly StartFolder start = new("esc-shared-key-");

    private string KeyFile => Path.Combine(start.Path, "shared.key");

    private string Refusal => $"Engine:ApiKeyFile: {KeyFile} is being made by another engine that is still starting, which removes it if its start fails; start this engine once that one listens";

    [Fact]
    public async Task AKeyFileAStartIsStillMakingIsRefusedNotTakenBeforeThatStartFailsAndRemovesIt()
    {
        // The second start read the first one's new key file, and the first one's failed start then
        // removed it: the second ran on a key whose file was gone (the next start made another key).
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var first = start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}", $"--Engine:Listen=http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}");

        var e = Should.Throw<EngineConfigurationException>(() => BuildSecond());

        e.Message.ShouldBe(Refusal);
        File.Exists(SecondDatabase).ShouldBeFalse("refused before its database is made");
        await Should.ThrowAsync<EngineConfigurationException>(() => EngineHost.StartAsync(first));
        File.Exists(KeyFile).ShouldBeFalse("the first start's failure removes the key file it made");

        string[] keys;
        await using (var second = BuildSecond())
        {
            keys = [.. second.Services.GetRequiredService<EngineOptions>().ApiKeys];
        }

        keys.ShouldBe([ApiKeys.Hash(File.ReadAllText(KeyFile).Trim())], "the second start makes its own");
    }

    [Fact]
    public async Task AKeyFileMadeByAStartThatListensIsReadByTheNextAndStays()
    {
        await using var first = start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}");
        await EngineHost.StartAsync(first);

        await using var second = BuildSecond();

        var key = ApiKeys.Hash(File.ReadAllText(KeyFile).Trim());
        first.Services.GetRequiredService<EngineOptions>().ApiKeys.ShouldBe([key]);
        second.Services.GetRequiredService<EngineOptions>().ApiKeys.ShouldBe([key]);
        await first.StopAsync();
    }

    [Fact]
    public void APartialKeyFileAnotherStartIsWritingIsLeftToIt()
    {
        // Both wrote FILE.partial (the later one emptying it), so the key one start took was not the
        // key in the file; and a start that failed to write removed the other's partial file.
        using (var writing = new FileStream(KeyFile + ".partial", FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            var e = Should.Throw<EngineConfigurationException>(() => start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}"));

            e.Message.ShouldBe(Refusal);
            File.Exists(KeyFile + ".partial").ShouldBeTrue();
            File.Exists(KeyFile).ShouldBeFalse();
        }

        // Left by a start that crashed: taken over.
        string[] keys;
        using (var app = start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}"))
        {
            keys = [.. app.Services.GetRequiredService<EngineOptions>().ApiKeys];
        }

        File.Exists(KeyFile + ".partial").ShouldBeFalse();
        keys.ShouldBe([ApiKeys.Hash(File.ReadAllText(KeyFile).Trim())]);
    }

    private string SecondDatabase => Path.Combine(start.Path, "second.db");

    private Microsoft.AspNetCore.Builder.WebApplication BuildSecond() =>
        start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}", $"--Engine:Database={SecondDatabase}");

    public void Dispose() => start.Dispose();
}

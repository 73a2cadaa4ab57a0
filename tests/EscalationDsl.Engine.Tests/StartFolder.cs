using EscalationDsl.Engine.Api;
using Microsoft.AspNetCore.Builder;

namespace EscalationDsl.Engine.Tests;

/// <summary>A temporary folder with an empty policy folder, and engines built (not started) on a database in it.</summary>
internal sealed class StartFolder(string prefix) : IDisposable
{
    public string Path { get; } = CreateWithPolicies(prefix);

    /// <summary>With the test key configured (Engine:ApiKeys), so no key file is read or made.</summary>
    public WebApplication Build(params string[] settings) =>
        BuildWithoutKeys([$"--Engine:ApiKeys:0={ApiKeys.Hash(EngineFixture.Key)}", .. settings]);

    /// <summary>With no Engine:ApiKeys: the engine takes its key from Engine:ApiKeyFile.</summary>
    public WebApplication BuildWithoutKeys(params string[] settings) =>
        EngineHost.Build(
        [
            "--Engine:Listen=http://127.0.0.1:0",
            $"--Engine:Database={System.IO.Path.Combine(Path, "engine.db")}",
            $"--Engine:Policies={System.IO.Path.Combine(Path, "policies")}",
            .. settings,
        ]);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private static string CreateWithPolicies(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "policies"));
        return folder;
    }
}

using EscalationDsl.Engine.Api;

namespace EscalationDsl.Cli.Tests;

/// <summary>esc hash-key: a generated key, and the hash the engine checks keys against.</summary>
public sealed class HashKeyTests
{
    [Fact]
    public void AGeneratedKeyIsPrefixedRandomAndHashedAsTheEngineHashesIt()
    {
        var result = Esc.Run("hash-key");

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        var key = lines.Single(l => l.StartsWith("key: ", StringComparison.Ordinal))["key:".Length..].Trim();
        key.ShouldStartWith("esc_");
        key.Length.ShouldBe(4 + 43);
        lines.ShouldContain("hash: " + ApiKeys.Hash(key));
        Esc.Run("hash-key").Out.ShouldNotContain(key);
    }

    [Fact]
    public void AGeneratedKeyCanBeHashedAgainWithoutDoubleDash()
    {
        for (var i = 0; i < 200; i++)
        {
            var key = ApiKeys.Generate();

            var result = Esc.Run("hash-key", key);

            result.ExitCode.ShouldBe(0, $"{key}: {result.Error}");
            result.Out.ShouldBe($"hash: {ApiKeys.Hash(key)}\n");
        }
    }
}

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

    [Theory]
    [InlineData(" a-key-of-sixteen-chars", "starts or ends with white space, which the engine trims from the key it is sent")]
    [InlineData("a-key-of-sixteen-chars\n", "starts or ends with white space, which the engine trims from the key it is sent")]
    [InlineData("a-key-of\nsixteen-chars", "holds a control character (such as a line break), which an Authorization header cannot carry")]
    [InlineData("a-key-of\u0000sixteen-chars", "holds a control character (such as a line break), which an Authorization header cannot carry")]
    [InlineData("a-key-of-sixteen-chars-\uFFFD", "holds bytes that are not UTF-8 (read as '\uFFFD'), which a request cannot carry (the engine answers it 400 Bad Request)")]
    public void AKeyNoRequestCouldPresentIsRefused(string key, string problem)
    {
        var result = Esc.Run("hash-key", key);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe($"esc: hash-key: the key {problem}, so no request could match its hash\n");
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

    [Theory]
    [InlineData("a-key-of-sixteen-chars\n")]
    [InlineData("a-key-of-sixteen-chars\r\n")]
    [InlineData("a-key-of-sixteen-chars")]
    public void AKeyOnStandardInputIsHashedWithoutItsLineBreak(string input)
    {
        // The review's F15: `printf KEY | esc hash-key` hashed a new random key, and a key given as an argument shows in
        // the process list. `-` reads it from standard input.
        var result = Esc.RunWithInput(input, "hash-key", "-");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe($"hash: {ApiKeys.Hash("a-key-of-sixteen-chars")}\n");
    }

    [Theory]
    [InlineData("", "esc: hash-key: standard input holds no key; give the key on one line (esc hash-key - < key.txt)\n")]
    [InlineData("\n", "esc: hash-key: standard input holds no key; give the key on one line (esc hash-key - < key.txt)\n")]
    [InlineData("a-key-of-sixteen-chars\nsecond line\n", "esc: hash-key: the key holds a control character (such as a line break), which an Authorization header cannot carry, so no request could match its hash\n")]
    [InlineData("short\n", "esc: hash-key: use a key of at least 16 characters\n")]
    public void ABadKeyOnStandardInputIsRefused(string input, string message)
    {
        var result = Esc.RunWithInput(input, "hash-key", "-");

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(message);
    }
}

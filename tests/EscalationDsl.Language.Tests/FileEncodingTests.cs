using System.Text;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// A policy file's bytes become text as File.ReadAllText would read them, except that bytes that are
/// not UTF-8 text are one ESC1008 at the first of them instead of replacement characters.
/// </summary>
public sealed class FileEncodingTests
{
    private const string Policy = "policy \"Störung 🚨\" version 1\nseverity sev1 { acknowledge within 15m }\n";

    [Fact]
    public void Utf8WithOrWithoutAByteOrderMarkChecksClean()
    {
        Create(Encoding.UTF8.GetBytes(Policy)).Diagnostics.ShouldBeEmpty();
        Create([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Policy)]).Diagnostics.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void AByteOrderMarkForUtf16Or32IsReadInThatEncoding(string name)
    {
        var encoding = Encoding.GetEncoding(name);

        var model = Create([.. encoding.Preamble, .. encoding.GetBytes(Policy)]);

        model.Diagnostics.ShouldBeEmpty();
        model.Source.Text.ShouldBe(Policy);
    }

    [Fact]
    public void AWindows1252ByteIsOneErrorAtItsCharacter()
    {
        // "café" saved as Windows-1252: 0xE9 is not UTF-8. Read as UTF-8 it used to pass as "caf�".
        var bytes = Encoding.Latin1.GetBytes("policy \"ok\" version 1\nowners { team t \"Störung café\" }\nseverity sev1 { acknowledge within 15m }\n");

        var model = Create(bytes);

        var error = model.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("ESC1008");
        error.Message.ShouldStartWith("The byte 0xF6 here is not UTF-8");
        model.Source.GetPosition(error.Span.Start).ShouldBe(new LinePosition(2, 20));
    }

    [Fact]
    public void TheFirstBadByteIsFoundAfterMultiByteCharactersAndAByteOrderMark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("policy \"🚨é\" "), 0xFF, .. Encoding.UTF8.GetBytes(" version 1\n")];

        var model = Create(bytes);

        var error = model.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("ESC1008");
        model.Source.GetPosition(error.Span.Start).ShouldBe(new LinePosition(1, 14));
        model.Source.Slice(error.Span).ShouldBe("\uFFFD");
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsOneErrorAtTheFirstNul()
    {
        var model = Create(Encoding.Unicode.GetBytes(Policy));

        var error = model.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("ESC1008");
        error.Message.ShouldContain("NUL byte");
        model.Source.GetPosition(error.Span.Start).ShouldBe(new LinePosition(1, 2));
    }

    [Fact]
    public void RandomBytesAreOneError()
    {
        var bytes = new byte[4096];
        new Random(1008).NextBytes(bytes);

        Create(bytes).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("ESC1008");
    }

    private static SemanticModel Create(byte[] bytes) => SemanticModel.Create(SourceText.FromBytes("f.esc", bytes));
}

namespace EscalationDsl.Cli.Tests;

/// <summary>A scratch folder with policy and configuration files, deleted afterwards.</summary>
internal sealed class LintTempFolder : IDisposable
{
    public LintTempFolder()
    {
        Path = Directory.CreateTempSubdirectory("esc-lint-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

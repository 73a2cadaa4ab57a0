using EscalationDsl.Analysis.Configuration;
using EscalationDsl.Engine.Files;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// Finds the <c>.esclint.json</c> that applies to a policy: the nearest one in the policy's folder or
/// above it (the nearest file wins; files are not merged). Standard input uses the working directory.
/// </summary>
internal sealed class LintConfigLocator(CliConsole console)
{
    private readonly Dictionary<string, LintConfiguration> byFolder = new(StringComparer.Ordinal);

    /// <summary>The configuration for a policy shown as <paramref name="displayPath"/>.</summary>
    /// <exception cref="UsageException">The nearest file cannot be read or is not a valid configuration.</exception>
    public LintConfiguration For(string displayPath)
    {
        var folder = displayPath == PolicyInputs.StandardInputPath
            ? console.WorkingDirectory
            : Path.GetDirectoryName(Path.GetFullPath(displayPath, console.WorkingDirectory))!;
        return Find(folder);
    }

    private LintConfiguration Find(string folder)
    {
        if (byFolder.TryGetValue(folder, out var cached))
        {
            return cached;
        }

        var file = Path.Combine(folder, LintConfiguration.FileName);
        if (Directory.Exists(file))
        {
            // Skipped as if absent, the settings above it (or none) applied unseen.
            throw new UsageException($"{PolicyInputs.DisplayPath(file, console)}: is a folder; {LintConfiguration.FileName} is a file of lint settings (docs/rules/README.md)");
        }

        LintConfiguration configuration;
        if (File.Exists(file))
        {
            configuration = Load(file);
        }
        else
        {
            var parent = Path.GetDirectoryName(folder);
            configuration = parent is null ? LintConfiguration.Default : Find(parent);
        }

        byFolder[folder] = configuration;
        return configuration;
    }

    private LintConfiguration Load(string file)
    {
        var shown = PolicyInputs.DisplayPath(file, console);
        try
        {
            // Found, not named: read as a policy found in a folder is, so that a pipe (which nothing may
            // ever write to) is refused at once and a device such as /dev/zero stops at the size limit.
            var bytes = BoundedFile.Read(file, "a lint configuration", named: false);
            return LintConfiguration.Parse(SourceText.FromBytes(shown, bytes).Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{shown}: cannot read the file: {e.Message}");
        }
        catch (LintConfigurationException e)
        {
            var problems = e.Problems.Select(p => $"{shown}:{p.Position}: {p.Message}").ToList();
            throw new UsageException(problems[0], problems[1..]);
        }
    }
}

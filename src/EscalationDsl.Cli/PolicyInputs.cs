using EscalationDsl.Engine.Files;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli;

/// <summary>Turns PATH arguments (files, folders, or <c>-</c> for stdin) into source texts.</summary>
public static class PolicyInputs
{
    /// <summary>The extension of policy files.</summary>
    public const string Extension = PolicyFiles.Extension;

    /// <summary>The display path of a policy read from standard input (<c>-</c>).</summary>
    public const string StandardInputPath = "<stdin>";

    /// <summary>
    /// Reads every named file and every <c>*.esc</c> file below named folders, in a stable order.
    /// Paths are shown relative to the working directory when they lie inside it.
    /// </summary>
    /// <exception cref="UsageException">A path does not exist or cannot be read.</exception>
    public static IReadOnlyList<SourceText> Read(IEnumerable<string> paths, CliConsole console)
    {
        var result = new List<SourceText>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                result.Add(ReadStandardInput(console));
                continue;
            }

            var full = Path.GetFullPath(path, console.WorkingDirectory);
            if (Directory.Exists(full))
            {
                IReadOnlyList<string> files;
                try
                {
                    files = PolicyFiles.Below(full);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"{path}: cannot read the folder: {e.Message}");
                }

                if (files.Count == 0)
                {
                    throw new UsageException($"{path}: the folder holds no {Extension} files");
                }

                result.AddRange(files.Select(f => ReadFile(f, console, named: false)));
            }
            else if (File.Exists(full))
            {
                result.Add(ReadFile(full, console, named: true));
            }
            else
            {
                throw new UsageException($"{path}: no such file or folder");
            }
        }

        return result;
    }

    /// <summary>
    /// A policy read from standard input (<c>-</c> in place of a file), shown as <c>&lt;stdin&gt;</c>. Read
    /// as a file is: at most 16 MB (<c>esc check - &lt; /dev/zero</c> ran out of memory), and decoded
    /// from its bytes, so bytes that are not UTF-8 are ESC1008 here too rather than passing as '�'.
    /// </summary>
    public static SourceText ReadStandardInput(CliConsole console)
    {
        try
        {
            return SourceText.FromBytes(StandardInputPath, BoundedFile.Read(console.In, "a policy"));
        }
        catch (IOException e)
        {
            throw new UsageException($"{StandardInputPath}: cannot read: {e.Message}");
        }
    }

    /// <summary>Reads one file as a source text with a display path; <paramref name="named"/>: the user named it (see <see cref="BoundedFile.Read(string, string, bool)"/>).</summary>
    public static SourceText ReadFile(string fullPath, CliConsole console, bool named)
    {
        try
        {
            return SourceText.FromBytes(DisplayPath(fullPath, console), PolicyFiles.Read(fullPath, named));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{DisplayPath(fullPath, console)}: cannot read the file: {e.Message}");
        }
    }

    /// <summary>The path relative to the working directory when inside it, else absolute; always with '/'.</summary>
    public static string DisplayPath(string fullPath, CliConsole console)
    {
        var relative = Path.GetRelativePath(console.WorkingDirectory, fullPath);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
        return shown.Replace('\\', '/');
    }
}

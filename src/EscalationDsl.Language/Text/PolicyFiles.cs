using System.IO.Enumeration;

namespace EscalationDsl.Language.Text;

/// <summary>The policy files of a folder, as every command and the engine find them.</summary>
public static class PolicyFiles
{
    /// <summary>The extension of policy files.</summary>
    public const string Extension = ".esc";

    /// <summary>
    /// Every <c>*.esc</c> file below <paramref name="folder"/>, in all subfolders, as full paths in
    /// ordinal order. Symbolic links to files are read; links to folders are not followed, so a link
    /// back up the tree (<c>loop -&gt; .</c>) neither repeats files nor walks without end.
    /// </summary>
    public static IReadOnlyList<string> Below(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                !entry.IsDirectory && entry.FileName.EndsWith(Extension, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files.Order(StringComparer.Ordinal).ToList();
    }
}

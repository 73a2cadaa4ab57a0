using System.IO.Enumeration;
using EscalationDsl.Engine.Files;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// The policy files of a folder, as the engine finds them in Engine:Policies and every command in the
/// folders it is given; here rather than in Language, which reads no files.
/// </summary>
public static class PolicyFiles
{
    /// <summary>The extension of policy files.</summary>
    public const string Extension = ".esc";

    /// <summary>
    /// The name of the lint settings file (`esc lint`'s `.esclint.json`): the engine's lint gate reads it
    /// in the policy folder and above, so it decides which policies are refused as much as they do.
    /// </summary>
    public const string LintSettings = ".esclint.json";

    /// <summary>
    /// The bytes of a policy file, at most <see cref="BoundedFile.MaxBytes"/>: a larger file (or a
    /// device such as <c>/dev/zero</c>, which never ends) is refused with an <see cref="IOException"/>
    /// rather than read until memory runs out. See <see cref="BoundedFile.Read(string, string, bool)"/> for <paramref name="named"/>.
    /// </summary>
    public static byte[] Read(string path, bool named) => BoundedFile.Read(path, "a policy", named);

    /// <summary>
    /// Every <c>*.esc</c> file below <paramref name="folder"/>, in all subfolders, as full paths in
    /// ordinal order. Symbolic links to files are read; links to folders are not followed, so a link
    /// back up the tree (<c>loop -&gt; .</c>) neither repeats files nor walks without end.
    /// </summary>
    public static IReadOnlyList<string> Below(string folder) => Find(folder, lintSettings: false);

    /// <summary>Every <see cref="LintSettings"/> file below <paramref name="folder"/>, found as <see cref="Below"/> finds policies.</summary>
    public static IReadOnlyList<string> LintSettingsBelow(string folder) => Find(folder, lintSettings: true);

    private static List<string> Find(string folder, bool lintSettings)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                !entry.IsDirectory && (lintSettings
                    ? entry.FileName.SequenceEqual(LintSettings)
                    : entry.FileName.EndsWith(Extension, StringComparison.Ordinal)),
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files.Order(StringComparer.Ordinal).ToList();
    }
}

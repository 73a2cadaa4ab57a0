using System.Collections.Immutable;
using System.Security.Cryptography;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Policies;

/// <summary>Reading the folder's files, and choosing the file each policy name runs from when several declare it.</summary>
internal sealed partial class PolicyRegistry
{
    /// <summary>Reads, binds and gates one file; its errors, or its compiled policy.</summary>
    private Candidate Read(string file, ImmutableDictionary<string, byte[]>.Builder hashes)
    {
        var relative = Relative(file);
        SourceText source;
        byte[] hash;
        try
        {
            // As esc lint reads it: bytes that are not UTF-8 are ESC1008, not replacement characters.
            var bytes = PolicyFiles.Read(file, named: false);
            hash = SHA256.HashData(bytes);
            hashes[relative] = hash;
            source = SourceText.FromBytes(relative, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            hashes[relative] = [];
            return new Candidate(relative, null, string.Empty, [], [$"{relative}: cannot read: {e.Message}"], [], null);
        }

        var model = SemanticModel.Create(source);
        var (errors, warnings) = gate.Review(model, Folder);
        return new Candidate(relative, model.Syntax.Header?.Name?.Value, source.Text, hash, errors, warnings, errors.Count == 0 ? CompiledPolicy.Compile(model) : null);
    }

    /// <summary>
    /// Whether a file that checks clean waits until every file is read before it may load. The file that
    /// holds the name (runs it, from the folder) loads at once, and a file of a name that never ran
    /// too. Others wait: a file whose name another file in the folder holds (refused then, unless that
    /// file now names another policy: a new file with the name does not take over a running policy), and
    /// one whose text or file is not what the name last ran (at start, or after its holder went), since a
    /// later file may be: a restart runs what ran before it, whichever file sorts first.
    /// </summary>
    private bool Waits(Candidate candidate, HashSet<string> present)
    {
        var compiled = candidate.Compiled!;
        if (IsHeld(compiled.Name, present))
        {
            return holders[compiled.Name] != candidate.Path;
        }

        return lastRan.TryGetValue(compiled.Name, out var ran) && (ran.Fingerprint != compiled.Fingerprint || ran.Path != candidate.Path);
    }

    /// <summary>Whether a file still in the folder holds the policy name.</summary>
    private bool IsHeld(string name, HashSet<string> present) => holders.TryGetValue(name, out var holder) && present.Contains(holder);

    /// <summary>
    /// Of the waiting files of a name no file holds, the one to load: the file it ran from while that file still declares
    /// it (its text as it is, edited or not), else a file with the name's last text, else the first in path order. An
    /// untouched <c>cp</c> copy holds the last text too, and won over the original edited while the engine was down.
    /// </summary>
    private Candidate Best(List<Candidate> named)
    {
        var ran = lastRan.GetValueOrDefault(named[0].Compiled!.Name);
        return named.FirstOrDefault(c => c.Path == ran?.Path)
            ?? named.FirstOrDefault(c => c.Compiled!.Fingerprint == ran?.Fingerprint)
            ?? named[0];
    }

    /// <summary>
    /// One file as read: its name and text (when it could be read that far), the SHA-256 of its bytes (empty when
    /// it could not be read), its warnings, and either its errors or its compiled policy.
    /// </summary>
    private sealed record Candidate(string Path, string? Name, string Text, byte[] Hash, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, CompiledPolicy? Compiled);
}

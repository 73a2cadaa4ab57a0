using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Policies;

/// <summary>Refusing a file, and what keeps running when one is refused.</summary>
internal sealed partial class PolicyRegistry
{
    /// <summary>
    /// Refuses a file that did not check clean, once every file of the reload is placed. The version
    /// running from it keeps running. A file that runs nothing yet (at start, or put back after its
    /// removal) keeps the version its policy name last ran, when no other file runs that name: a
    /// restart with a refused file then runs what ran before it, as the running engine did.
    /// </summary>
    private void Refuse(Candidate candidate, List<PolicyVersion> changed)
    {
        if (files.GetValueOrDefault(candidate.Path)?.Fingerprint is null && LastRunOf(candidate) is var (kept, guess))
        {
            current = current.SetItem(kept.Name, kept);
            holders = holders.SetItem(kept.Name, candidate.Path);
            lastRan = lastRan.SetItem(kept.Name, new LastRun(kept.Fingerprint, candidate.Path));
            files = files.SetItem(candidate.Path, new PolicyStatus(candidate.Path, kept.Name, kept.Version, kept.Fingerprint, "refused", candidate.Errors, [], Now()));
            changed.Add(kept);
            if (guess is null)
            {
                logger.LogError("Policy file {Path} refused; policy {Name} version {Version} ({Fingerprint}), as last run, keeps running:\n{Errors}",
                    candidate.Path, kept.Name, kept.Version, kept.Fingerprint, string.Join("\n", candidate.Errors));
            }
            else
            {
                logger.LogError(
                    "Policy file {Path} refused; policy {Name} version {Version} ({Fingerprint}), {Guess}, keeps running (a guess: a database from before schema version 3 does not record the version that ran last):\n{Errors}",
                    candidate.Path, kept.Name, kept.Version, kept.Fingerprint, guess, string.Join("\n", candidate.Errors));
            }

            Refused?.Invoke(candidate.Path);
            return;
        }

        Refuse(candidate, candidate.Name, candidate.Errors);
    }

    /// <summary>
    /// Refuses a file for <paramref name="errors"/>. A reload that finds it as it was refused (the same bytes, the
    /// same errors) says so in one line at information level and does not count it again: a reload of the
    /// folder for another file's change, or <c>POST /v1/policies:reload</c>, changed nothing about it.
    /// </summary>
    private void Refuse(Candidate candidate, string? name, IReadOnlyList<string> errors)
    {
        var path = candidate.Path;
        var previous = files.GetValueOrDefault(path);
        var running = previous?.Fingerprint is null ? "nothing from it runs" : $"version {previous.Version} ({previous.Fingerprint}) keeps running";
        files = files.SetItem(path, new PolicyStatus(path, previous?.Name ?? name, previous?.Version, previous?.Fingerprint, "refused", errors, [], previous?.LoadedAt));
        if (previous is { Status: "refused" } && previous.Errors.SequenceEqual(errors, StringComparer.Ordinal)
            && read.TryGetValue(path, out var last) && last.AsSpan().SequenceEqual(candidate.Hash))
        {
            logger.LogInformation("Policy file {Path} is still refused, unchanged; {Running} (its errors: GET /v1/policies)", path, running);
            return;
        }

        logger.LogError("Policy file {Path} refused; {Running}:\n{Errors}", path, running, string.Join("\n", errors));
        Refused?.Invoke(path);
    }

    /// <summary>
    /// The version a refused file's policy name last ran, when no file runs that name now: the name the
    /// file declares, or, when that name never ran (or the text cannot be read that far), the one name
    /// the file itself last ran, as a live refusal keeps what the file ran. Null when neither ran, or
    /// the stored text no longer binds. With it, what it was guessed from, when it is a guess (<see cref="LastRun.Guess"/>).
    /// </summary>
    private (PolicyVersion Version, string? Guess)? LastRunOf(Candidate candidate)
    {
        List<string> names = candidate.Name is { } declared && lastRan.ContainsKey(declared) ? [declared]
            : [.. lastRan.Where(r => r.Value.Path == candidate.Path).Select(r => r.Key)];
        return names is [var name] && !current.ContainsKey(name) && stored(lastRan[name].Fingerprint) is { } version ? (version, lastRan[name].Guess) : null;
    }
}

using System.Text;
using EscalationDsl.Cli.Output;
using EscalationDsl.Engine.Files;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;

namespace EscalationDsl.Cli;

/// <summary>Reads one policy file for commands that run it (graph, matrix, explain, sim).</summary>
public static class PolicyLoader
{
    /// <summary>
    /// Parses, binds and compiles one policy. When it has errors they are printed to standard
    /// error and null is returned (the command exits 1).
    /// </summary>
    /// <exception cref="UsageException">The file cannot be read.</exception>
    public static CompiledPolicy? Load(string path, CliConsole console)
    {
        var model = SemanticModel.Create(path == "-" ? PolicyInputs.ReadStandardInput(console) : ReadNamed(path, console));
        if (!model.HasErrors)
        {
            return CompiledPolicy.Compile(model);
        }

        foreach (var diagnostic in model.Diagnostics)
        {
            console.Error.Write(DiagnosticFormatter.Format(model.Source, diagnostic, color: false));
        }

        var again = model.Source.Path == PolicyInputs.StandardInputPath ? "-" : model.Source.Path;
        console.Error.WriteLine($"esc: {model.Source.Path} has errors; fix them first (esc check {again})");
        return null;
    }

    /// <summary>
    /// For a command that reads one policy and writes one output (graph, matrix): checks the POLICY
    /// argument and <c>--output</c> before any work, then loads the policy as <see cref="Load"/> does.
    /// </summary>
    /// <exception cref="UsageException">An argument is empty, the output cannot be written or is the policy file, or the policy cannot be read.</exception>
    public static CompiledPolicy? LoadForOutput(string? policy, string? output, CliConsole console)
    {
        RefuseEmpty(("POLICY", policy), ("--output", output));
        CheckOutput(output, console);
        CheckNotAnInput("--output", output, console, [("the policy file", policy)]);
        return Load(policy!, console);
    }

    /// <summary>
    /// Refuses an input file (<paramref name="option"/>, such as <c>--events</c>) that is standard input
    /// when the policy is read from there (<paramref name="policy"/> is <c>-</c>): it would read what is
    /// left of the policy's text, or nothing.
    /// </summary>
    public static void CheckNotStandardInput(string option, string? path, string policy, CliConsole console)
    {
        if (policy == "-" && path is not null && Path.GetFullPath(path, console.WorkingDirectory) is "/dev/stdin" or "/dev/fd/0" or "/proc/self/fd/0")
        {
            throw new UsageException($"{option}: {path} is standard input, which holds the policy (POLICY is -); name the file itself");
        }
    }

    /// <summary>The policy file <paramref name="path"/> names.</summary>
    /// <exception cref="UsageException">It is a folder, does not exist or cannot be read.</exception>
    private static Language.Text.SourceText ReadNamed(string path, CliConsole console)
    {
        var full = Path.GetFullPath(path, console.WorkingDirectory);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{path}: is a folder; name one .esc file");
        }

        if (!File.Exists(full))
        {
            throw new UsageException($"{path}: no such policy file");
        }

        return PolicyInputs.ReadFile(full, console, named: true);
    }

    /// <summary>
    /// Refuses a file name given empty (<c>--output ""</c>): it would resolve to the working folder and be
    /// reported as a folder, or as a file that does not exist.
    /// </summary>
    public static void RefuseEmpty(params (string Option, string? Value)[] names)
    {
        foreach (var (option, value) in names)
        {
            if (value is { Length: 0 })
            {
                throw new UsageException($"{option}: the value is empty; name a file");
            }
        }
    }

    /// <summary>
    /// Refuses an output file whose folder does not exist, or that is a folder, before any work is done
    /// (the write itself may still fail later). <paramref name="option"/> starts the message when given
    /// (<c>--emit-events: FILE: ...</c>); <c>--output</c>'s messages name the file alone.
    /// </summary>
    public static void CheckOutput(string? output, CliConsole console, string? option = null)
    {
        if (output is null)
        {
            return;
        }

        var path = Path.GetFullPath(output, console.WorkingDirectory);
        if (Directory.Exists(path))
        {
            throw new UsageException($"{Prefix(option)}{output}: cannot write: it is a folder; name a file");
        }

        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            throw new UsageException($"{Prefix(option)}{output}: cannot write: the folder {folder} does not exist");
        }
    }

    private static string Prefix(string? option) => option is null ? string.Empty : option + ": ";

    /// <summary>
    /// Refuses an output (<paramref name="option"/>, such as <c>--output</c>) that names one of the
    /// command's inputs: writing it would replace what is being read.
    /// </summary>
    public static void CheckNotAnInput(string option, string? output, CliConsole console, IEnumerable<(string What, string? Path)> inputs)
    {
        if (output is null)
        {
            return;
        }

        // Compared after following symbolic links: an output that is a link to an input would empty it.
        // An input read from standard input (`-`) is no file an output could name.
        var full = LinkedPath.Final(output, console.WorkingDirectory);
        foreach (var (what, path) in inputs)
        {
            if (path is not (null or "-") && LinkedPath.Final(path, console.WorkingDirectory) == full)
            {
                throw new UsageException($"{option}: {output} is {what}; name another file");
            }
        }
    }

    /// <summary>Writes command output to <c>--output</c> (whole or not at all: <see cref="OutputFile"/>) or standard output.</summary>
    public static void WriteOutput(string text, string? output, CliConsole console)
    {
        if (output is null)
        {
            try
            {
                console.Out.Write(text);
                console.Out.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Such as a full disk behind a redirection (`> /dev/full`), or a closed standard output
                // (`>&-`, which .NET reports as access denied): say so instead of a stack trace.
                throw new UsageException($"standard output: cannot write: {(e.InnerException ?? e).Message}");
            }

            return;
        }

        try
        {
            using var file = OutputFile.Create(Path.GetFullPath(output, console.WorkingDirectory));
            file.Stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
            file.Commit();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{output}: cannot write: {OutputFile.Reason(e)}");
        }
    }
}

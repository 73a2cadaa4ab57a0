using EscalationDsl.Benchmarks;

// Measures and prints figures for docs/performance.md. Always run in Release:
//   dotnet run -c Release --project tests/EscalationDsl.Benchmarks -- [parse|lint|runtime|sim|waits|serve [PENDING]|all]
var which = args.Length == 0 ? "all" : args[0];
var pending = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 1_000_000;
Console.WriteLine($"machine: {Measure.Machine()}");
var benchmarks = new Dictionary<string, Action>(StringComparer.Ordinal)
{
    ["parse"] = ParseBenchmark.Run,
    ["lint"] = LintBenchmark.Run,
    ["runtime"] = RuntimeBenchmark.Run,
    ["sim"] = SimBenchmark.Run,
    ["waits"] = WaitsBenchmark.Run,
    ["serve"] = () => ServeBenchmark.RunAsync(pending).GetAwaiter().GetResult(),
};

if (which == "all")
{
    foreach (var run in benchmarks.Values)
    {
        run();
    }

    return 0;
}

if (!benchmarks.TryGetValue(which, out var benchmark))
{
    Console.Error.WriteLine($"unknown benchmark '{which}'; choose one of: all, {string.Join(", ", benchmarks.Keys)}");
    return 2;
}

benchmark();
return 0;

namespace EscalationDsl.Tests;

/// <summary>Locates the repository and its test data from the test binaries' folder.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EscalationDsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EscalationDsl.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding EscalationDsl.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>tests/Baselines.</summary>
    public static string Baselines => Combine("tests", "Baselines");

    /// <summary>The shipped example policies.</summary>
    public static string Policies => Combine("policies");

    /// <summary>
    /// The shared ticket history (outside the repository; read, never copied): ESC_SHARED_DATA when
    /// set, else ../shared/data/uci-incident-event-log next to the repository.
    /// </summary>
    public static string SharedData
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("ESC_SHARED_DATA");
            var folder = Path.GetFullPath(string.IsNullOrEmpty(configured)
                ? Path.Combine(Root, "..", "shared", "data", "uci-incident-event-log")
                : configured);
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"The shared ticket history is not at {folder}. Clone the repository next to shared/ (it reads ../shared/data), or set ESC_SHARED_DATA to the uci-incident-event-log folder.");
        }
    }

    /// <summary>True when golden files should be rewritten instead of compared (ESC_UPDATE_BASELINES=1).</summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("ESC_UPDATE_BASELINES") == "1";
}

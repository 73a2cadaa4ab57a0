using Shouldly;

namespace EscalationDsl.Tests;

/// <summary>Compares text with a golden file, or rewrites it when ESC_UPDATE_BASELINES=1.</summary>
internal static class Golden
{
    public static void Match(string path, string actual)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (RepoPaths.UpdateBaselines)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"golden file {path} is missing; run the tests with ESC_UPDATE_BASELINES=1 to create it, then review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        actual.ShouldBe(expected, $"output differs from {Path.GetRelativePath(RepoPaths.Root, path)}; if the change is intended, rerun with ESC_UPDATE_BASELINES=1 and review the diff");
    }
}

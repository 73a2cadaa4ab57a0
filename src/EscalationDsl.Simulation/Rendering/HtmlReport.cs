using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>Placeholder.</summary>
public static class HtmlReport
{
    /// <summary>Renders.</summary>
    public static string Render(SimulationReport report) => JsonReport.Render(report);
}

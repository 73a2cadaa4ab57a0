namespace EscalationDsl.Runtime.Compilation;

/// <summary>The four trigger shapes.</summary>
internal enum StepKind
{
    After,
    Every,
    Immediate,
    On,
}

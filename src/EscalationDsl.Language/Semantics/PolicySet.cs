using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Policy files read together, as `esc check` and `esc lint` read a folder or several files. The engine
/// runs the files of its folder side by side and tells policies apart by name, so one name may be
/// declared by one file only; the first file in reading order keeps it here (ESC2042 on the others),
/// since which one the engine runs depends on what it ran before.
/// </summary>
public static class PolicySet
{
    /// <summary>
    /// The models in the same order, with ESC2042 on the name of each policy that an earlier file
    /// declares already. A file read twice (the same path named twice) is not compared with itself.
    /// </summary>
    public static IReadOnlyList<SemanticModel> Check(IReadOnlyList<SemanticModel> models)
    {
        var first = new Dictionary<string, SemanticModel>(StringComparer.Ordinal);
        var result = new List<SemanticModel>(models.Count);
        foreach (var model in models)
        {
            var name = model.Syntax.Header?.Name;
            if (name is null || first.TryAdd(name.Value, model) || first[name.Value].Source.Path == model.Source.Path)
            {
                result.Add(model);
                continue;
            }

            var earlier = first[name.Value];
            var line = earlier.Source.GetPosition(earlier.Syntax.Header!.Name!.Span.Start).Line;
            result.Add(model.With(DiagnosticCatalog.PolicyNameTakenFound(name.Span, name.Value, earlier.Source.Path, line)));
        }

        return result;
    }
}

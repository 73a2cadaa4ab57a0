using System.Globalization;
using System.Text;
using System.Xml;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// Checkstyle XML (the format Jenkins, reviewdog and many CI tools read): one <c>file</c> element per
/// linted policy, one <c>error</c> element per finding, source <c>esc.CODE</c>. XmlWriter does the escaping;
/// characters XML cannot hold at all are replaced first (<see cref="XmlText"/>).
/// </summary>
internal static class LintCheckstyleFormat
{
    public static string Render(LintReport report)
    {
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true };
        sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var writer = XmlWriter.Create(sb, settings))
        {
            writer.WriteStartElement("checkstyle");
            writer.WriteAttributeString("version", "4.3");
            foreach (var file in report.Files)
            {
                writer.WriteStartElement("file");
                writer.WriteAttributeString("name", XmlText(file.Model.Source.Path));
                foreach (var f in report.Findings.Where(f => ReferenceEquals(f.Source, file.Model.Source)))
                {
                    writer.WriteStartElement("error");
                    writer.WriteAttributeString("line", f.Start.Line.ToString(CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("column", f.Start.Column.ToString(CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("severity", f.Diagnostic.Level switch
                    {
                        DiagnosticLevel.Error => "error",
                        DiagnosticLevel.Warning => "warning",
                        _ => "info",
                    });
                    writer.WriteAttributeString("message", XmlText(f.Diagnostic.Message));
                    writer.WriteAttributeString("source", "esc." + f.Diagnostic.Code);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>
    /// <paramref name="text"/> with the characters XML 1.0 cannot hold, even as a reference, replaced:
    /// C0 controls other than tab and line breaks by their Control Pictures (␁, as the text format shows
    /// them), anything else (U+FFFE, a half surrogate pair) by U+FFFD. A message quoting a string with such
    /// a control character (the escape in <c>"\␁"</c>, ESC1005) made XmlWriter throw: an internal error.
    /// </summary>
    private static string XmlText(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(c < ' ' ? (char)(0x2400 + c) : '\uFFFD');
            }
        }

        return sb.ToString();
    }
}

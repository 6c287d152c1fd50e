using System.Text;

namespace GdpoRealtime.Runtime.Errors;

/// <summary>
/// Makes text safe to put in a one-line error: file names and decoder messages can hold control characters
/// (a truncated PNG made the decoder's message 25 NUL bytes), which would break the line or the terminal.
/// </summary>
public static class PrintableText
{
    public static string Clean(string? text, int maxLength = 200)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var clean = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        bool lastWasSpace = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            char shown = space ? ' ' : char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' ? '?' : c;
            if (space && lastWasSpace) continue;
            clean.Append(shown);
            lastWasSpace = space;
            if (clean.Length > maxLength) break;
        }
        string result = clean.ToString().Trim();
        return result.Length > maxLength ? result[..maxLength] + "..." : result;
    }
}

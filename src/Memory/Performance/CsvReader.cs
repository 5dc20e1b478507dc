using System.Text;

namespace AiVideo.Memory.Performance;

/// <summary>RFC 4180 CSV: commas, double-quoted fields with "" escapes and line breaks inside quotes. Yields each record with the line it starts on.</summary>
internal static class CsvReader
{
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0) yield return (start, fields);
                    fields = [];
                    line++;
                    start = line;
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Length > 0) yield return (start, fields);
        }
    }
}

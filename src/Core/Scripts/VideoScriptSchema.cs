using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using Json.Schema;

namespace AiVideo.Core.Scripts;

/// <summary>
/// The JSON schema every script must satisfy, whoever wrote it (deterministic writer or a model), plus the
/// cross-field rules a schema cannot say (every beat names an existing shot, shot ids unique).
/// </summary>
public sealed class VideoScriptSchema
{
    /// <summary>The embedded schema, read and parsed once per process (immutable; evaluation is thread-safe).</summary>
    private static readonly Lazy<(string Text, JsonSchema Schema)> Embedded = new(() =>
    {
        var text = ReadEmbedded();
        return (text, JsonSchema.FromText(text));
    });

    private readonly JsonSchema _schema = Embedded.Value.Schema;

    public string SchemaText { get; } = Embedded.Value.Text;

    /// <summary>Parses and validates script JSON. Never throws for bad input: the errors say what is wrong.</summary>
    public ScriptValidation Validate(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            return ScriptValidation.Invalid($"not valid JSON: {ex.Message}");
        }

        // The pass/fail answer first (flag output stops at the first failure); the itemised errors only for a failure.
        if (!_schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid)
        {
            var result = _schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var errors = result.Details
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{Where(d.InstanceLocation.ToString())}: {e.Value}"))
                .Distinct()
                .ToList();
            return ScriptValidation.Invalid(errors.Count > 0 ? errors : ["does not match the VideoScript schema"]);
        }

        var script = node.Deserialize<VideoScript>(AiVideoJson.Options)!;
        var crossField = CrossFieldErrors(script);
        return crossField.Count > 0 ? ScriptValidation.Invalid(crossField) : ScriptValidation.Valid(script);
    }

    public ScriptValidation Validate(VideoScript script) => Validate(JsonSerializer.Serialize(script, AiVideoJson.Options));

    private static List<string> CrossFieldErrors(VideoScript script)
    {
        var errors = new List<string>();
        var ids = script.Shots.Select(s => s.Id).ToList();
        foreach (var dup in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            errors.Add($"/shots: id '{dup.Key}' is used more than once");
        }
        for (var i = 0; i < script.Beats.Count; i++)
        {
            if (!ids.Contains(script.Beats[i].ShotId))
            {
                errors.Add($"/beats/{i}/shotId: '{script.Beats[i].ShotId}' is not a shot id");
            }
        }
        foreach (var unused in ids.Where(id => script.Beats.All(b => b.ShotId != id)))
        {
            errors.Add($"/shots: shot '{unused}' is not used by any beat");
        }
        return errors;
    }

    private static string Where(string pointer) => pointer.Length == 0 ? "/" : pointer;

    private static string ReadEmbedded()
    {
        using var stream = typeof(VideoScriptSchema).Assembly.GetManifestResourceStream("VideoScript.schema.json")
            ?? throw new InvalidOperationException("VideoScript.schema.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record ScriptValidation(VideoScript? Script, IReadOnlyList<string> Errors)
{
    public bool IsValid => Script is not null && Errors.Count == 0;

    public static ScriptValidation Valid(VideoScript script) => new(script, []);

    public static ScriptValidation Invalid(params IEnumerable<string> errors) => new(null, errors.ToList());
}

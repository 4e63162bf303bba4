namespace TBot.Host.Optimize;

/// <summary>One combination of strategy parameter values (as configuration text), in the order the user named the
/// parameters. <see cref="Text"/> ("entry_z=1.5,window_bars=20") identifies it in the state file and breaks ranking ties.</summary>
public sealed class ParameterSet
{
    public ParameterSet(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        Values = values;
        Text = string.Join(",", values.Select(v => $"{v.Key}={v.Value}"));
    }

    public IReadOnlyList<KeyValuePair<string, string>> Values { get; }

    public string Text { get; }

    public override string ToString() => Text;
}

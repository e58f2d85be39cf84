namespace TradingActors.Trading.Strategy.Rules;

/// <summary>A parsed rule expression. Numeric nodes evaluate to a value (null when a feature is not ready); boolean nodes to a truth value.</summary>
public abstract record RuleNode
{
    /// <summary>The features this expression reads, so the feature generator computes exactly those.</summary>
    public abstract IEnumerable<FeatureKey> Features { get; }
}

public abstract record NumericNode : RuleNode
{
    /// <param name="previous">Evaluate against the previous update instead of the current one.</param>
    public abstract decimal? Evaluate(IFeatureValues values, bool previous);
}

public abstract record ConditionNode : RuleNode
{
    public abstract bool Evaluate(IFeatureValues values);
}

public sealed record NumberNode(decimal Value) : NumericNode
{
    public override IEnumerable<FeatureKey> Features => [];

    public override decimal? Evaluate(IFeatureValues values, bool previous) => Value;
}

public sealed record FeatureNode(FeatureKey Key) : NumericNode
{
    public override IEnumerable<FeatureKey> Features => [Key];

    public override decimal? Evaluate(IFeatureValues values, bool previous) =>
        previous ? values.Previous(Key) : values.Current(Key);
}

public sealed record NegateNode(NumericNode Operand) : NumericNode
{
    public override IEnumerable<FeatureKey> Features => Operand.Features;

    public override decimal? Evaluate(IFeatureValues values, bool previous) => -Operand.Evaluate(values, previous);
}

public sealed record ArithmeticNode(char Operator, NumericNode Left, NumericNode Right) : NumericNode
{
    public override IEnumerable<FeatureKey> Features => Left.Features.Concat(Right.Features);

    public override decimal? Evaluate(IFeatureValues values, bool previous)
    {
        if (Left.Evaluate(values, previous) is not { } left || Right.Evaluate(values, previous) is not { } right)
        {
            return null;
        }

        return Operator switch
        {
            '+' => left + right,
            '-' => left - right,
            '*' => left * right,
            '/' => right == 0m ? null : left / right,
            _ => throw new InvalidOperationException($"Unknown operator '{Operator}'."),
        };
    }
}

public sealed record ComparisonNode(string Operator, NumericNode Left, NumericNode Right) : ConditionNode
{
    public override IEnumerable<FeatureKey> Features => Left.Features.Concat(Right.Features);

    public override bool Evaluate(IFeatureValues values) =>
        Left.Evaluate(values, previous: false) is { } left
        && Right.Evaluate(values, previous: false) is { } right
        && Operator switch
        {
            "<" => left < right,
            "<=" => left <= right,
            ">" => left > right,
            ">=" => left >= right,
            "==" => left == right,
            "!=" => left != right,
            _ => throw new InvalidOperationException($"Unknown comparison '{Operator}'."),
        };
}

/// <summary><c>a crosses_above b</c>: a was at or below b on the previous update and is above it now (and the mirror for below).</summary>
public sealed record CrossesNode(bool Above, NumericNode Left, NumericNode Right) : ConditionNode
{
    public override IEnumerable<FeatureKey> Features => Left.Features.Concat(Right.Features);

    public override bool Evaluate(IFeatureValues values)
    {
        if (Left.Evaluate(values, previous: true) is not { } leftBefore
            || Right.Evaluate(values, previous: true) is not { } rightBefore
            || Left.Evaluate(values, previous: false) is not { } left
            || Right.Evaluate(values, previous: false) is not { } right)
        {
            return false;
        }

        return Above ? leftBefore <= rightBefore && left > right : leftBefore >= rightBefore && left < right;
    }
}

public sealed record LogicalNode(bool IsAnd, ConditionNode Left, ConditionNode Right) : ConditionNode
{
    public override IEnumerable<FeatureKey> Features => Left.Features.Concat(Right.Features);

    public override bool Evaluate(IFeatureValues values) =>
        IsAnd ? Left.Evaluate(values) && Right.Evaluate(values) : Left.Evaluate(values) || Right.Evaluate(values);
}

public sealed record NotNode(ConditionNode Operand) : ConditionNode
{
    public override IEnumerable<FeatureKey> Features => Operand.Features;

    public override bool Evaluate(IFeatureValues values) => !Operand.Evaluate(values);
}

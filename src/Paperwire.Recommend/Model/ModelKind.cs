namespace Paperwire.Recommend.Model;

/// <summary>How a reader's papers are scored.</summary>
public enum ModelKind
{
    /// <summary>Fewer positives than a classifier needs: closeness to the positives, and follows.</summary>
    Closeness,

    /// <summary>L2-regularized logistic regression, fitted by L-BFGS.</summary>
    LogisticRegression,

    /// <summary>A linear SVM (hinge loss), fitted by dual coordinate descent as liblinear's LinearSVC.</summary>
    LinearSvm,
}

"""``NPE(prior).append_simulations(θ, x).train()`` → ``build_posterior()``, as in sbi."""

import warnings

import numpy as np

from . import _jvm
from ._arrays import from_java, to_java_floats
from ._errors import java_errors
from .posterior import Posterior

# sbi's names of estimator settings → the library's snake_case keys (others pass unchanged).
_ESTIMATOR_ALIASES = {"num_transforms": "transforms", "num_bins": "bins",
                      "num_components": "components"}
# sbi's train() keywords → the library's TrainingSpec components.
_TRAINING_KEYS = {"training_batch_size": "batch_size", "learning_rate": "learning_rate",
                  "validation_fraction": "validation_fraction",
                  "stop_after_epochs": "stop_after_epochs", "max_num_epochs": "max_epochs",
                  "weight_decay": "weight_decay", "decoupled_weight_decay": "decoupled",
                  "clip_max_norm": "clip_norm"}


def posterior_nn(model="nsf", embedding_net=None, **settings):
    """An estimator description, as sbi's ``posterior_nn``: the kind (nsf, maf, mdn, maf_rqs,
    flow_stack) and its settings by sbi's names (hidden_features, num_transforms, num_bins,
    num_components) or the library's snake_case keys (``sbi4j kinds`` lists them).
    ``embedding_net`` names an embedding kind (mlp, conv1d, cnn2d, deepsets, …) or is a dict
    ``{"kind": "mlp", "outputs": 20, …}``."""
    return {"model": model, "embedding_net": embedding_net, "settings": dict(settings)}


def _java_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ",".join(_java_value(e) for e in v)
    return str(v)


def _java_map(d):
    import jpype
    m = jpype.JClass("java.util.LinkedHashMap")()
    for k, v in d.items():
        m.put(str(k), _java_value(v))
    return m


def _training_spec(training):
    """The library's TrainingSpec of sbi-named train() keywords (None: the preset's value;
    clip_max_norm=None disables clipping, as in sbi)."""
    import jpype
    J = jpype.JClass
    Integer, Double, Boolean = J("java.lang.Integer"), J("java.lang.Double"), J("java.lang.Boolean")
    v = {_TRAINING_KEYS[k]: val for k, val in training.items()}
    if "clip_norm" in v and v["clip_norm"] is None:
        v["clip_norm"] = 0.0

    def boxed(key, kind):
        val = v.get(key)
        if val is None:
            return None
        if kind is Boolean:
            return Boolean(bool(val))
        return Integer(int(val)) if kind is Integer else Double(float(val))
    return J("org.sbi4j.workflow.job.TrainingSpec")(
        boxed("batch_size", Integer), boxed("learning_rate", Double),
        boxed("validation_fraction", Double), boxed("stop_after_epochs", Integer),
        boxed("max_epochs", Integer), boxed("weight_decay", Double),
        boxed("decoupled", Boolean), boxed("clip_norm", Double))


class TrainedEstimator:
    """What ``NPE.train`` returns: the trained estimator (give it to ``build_posterior``) and
    its training summary (per-epoch losses of every ensemble member)."""

    def __init__(self, result):
        self._result = result
        self.summary = _summary(result)

    def __repr__(self):
        s = self.summary
        return ("TrainedEstimator(%d epochs, best %d, best validation loss %.4f, %s)"
                % (s["epochs_trained"], s["best_epoch"], s["best_validation_loss"],
                   s["stop_reason"]))


def _summary(result):
    import jpype
    PyNpe = jpype.JClass("org.sbi4j.cli.python.PyNpe")
    members = []
    for k in range(int(result.reports().size())):
        rep = result.reports().get(k)
        rows = from_java(PyNpe.losses(result, k), np.float64).reshape(-1, 3)
        members.append({"epochs": rows[:, 0].astype(int), "training_loss": rows[:, 1],
                        "validation_loss": rows[:, 2], "best_epoch": int(rep.bestEpoch()),
                        "best_validation_loss": float(rep.bestValidationLoss()),
                        "stop_reason": str(rep.stopReason().name()).lower()})
    first = members[0]
    return {"training_loss": first["training_loss"], "validation_loss": first["validation_loss"],
            "epochs": first["epochs"], "epochs_trained": int(first["epochs"].size),
            "best_epoch": first["best_epoch"],
            "best_validation_loss": first["best_validation_loss"],
            "stop_reason": first["stop_reason"], "members": members,
            "train_seconds": float(result.trainSeconds()),
            "choices": [str(c) for c in result.choices()]}


class NPE:
    """Neural posterior estimation (single round).

    ``density_estimator``: a kind name ("nsf", "maf", "mdn", "maf_rqs", "flow_stack") or a
    ``posterior_nn(...)`` description. ``preset``: "auto" (data-driven defaults, the library's
    default), "sbi" (sbi's plain defaults) or "calibrated" (an ensemble of 5). ``ensemble``:
    members (default: the preset's). Further keywords are settings of the estimator kind."""

    def __init__(self, prior, density_estimator="nsf", preset="auto", ensemble=None,
                 embedding_net=None, **estimator_settings):
        _jvm.start()
        self._prior = prior
        if isinstance(density_estimator, dict):
            spec = density_estimator
        elif isinstance(density_estimator, str):
            spec = posterior_nn(density_estimator)
        else:
            raise TypeError("density_estimator must be a kind name (nsf, maf, mdn, …) or "
                            "posterior_nn(...), got %r" % (density_estimator,))
        settings = dict(spec["settings"])
        settings.update(estimator_settings)
        self._kind = spec["model"]
        self._settings = {_ESTIMATOR_ALIASES.get(k, k): v for k, v in settings.items()}
        emb = embedding_net if embedding_net is not None else spec.get("embedding_net")
        if isinstance(emb, dict):
            emb = dict(emb)
            self._embedding = emb.pop("kind")
            self._embedding_settings = emb
        else:
            self._embedding, self._embedding_settings = emb, {}
        self._preset = preset
        self._ensemble = 0 if ensemble is None else int(ensemble)
        self._theta, self._x = [], []
        self._estimator = None
        self.summary = None
        with java_errors():  # refuse bad kinds and settings now, before any data
            self._npe_settings()

    def _npe_settings(self):
        import jpype
        PyNpe = jpype.JClass("org.sbi4j.cli.python.PyNpe")
        return PyNpe.settings(self._preset, self._kind, _java_map(self._settings),
                              self._embedding, _java_map(self._embedding_settings),
                              self._ensemble)

    def append_simulations(self, theta, x, exclude_invalid_x=True):
        """Adds pairs: θ (n, dθ) and x (n, dx) or (n, *x_shape), float32 or float64. Rows whose
        x holds NaN or ±inf are dropped (with a warning) unless ``exclude_invalid_x=False``
        (NaN then marks padding of sets)."""
        t = np.asarray(theta)
        a = np.asarray(x)
        if t.ndim == 1 and self._prior.dim == 1:
            t = t.reshape(-1, 1)
        if t.ndim != 2 or t.shape[1] != self._prior.dim:
            raise ValueError("theta must have shape (n, %d) for this prior, got %s"
                             % (self._prior.dim, t.shape))
        if a.ndim == 1:
            a = a.reshape(-1, 1)
        if a.shape[0] != t.shape[0]:
            raise ValueError("theta has %d rows but x has %d" % (t.shape[0], a.shape[0]))
        for name, arr in (("theta", t), ("x", a)):
            if not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
                raise ValueError("%s must be numeric, got dtype %s" % (name, arr.dtype))
        if not np.isfinite(t).all():
            i = int(np.argwhere(~np.isfinite(t))[0][0])
            raise ValueError("theta row %d holds a non-finite value: %s" % (i, t[i]))
        if self._x and self._x[0].shape[1:] != a.shape[1:]:
            raise ValueError("x has shape %s per row, earlier simulations %s"
                             % (a.shape[1:], self._x[0].shape[1:]))
        if exclude_invalid_x:
            ok = np.isfinite(a.reshape(a.shape[0], -1)).all(axis=1)
            if not ok.all():
                warnings.warn("append_simulations: dropped %d of %d rows whose x is not finite"
                              % (int((~ok).sum()), ok.size))
                t, a = t[ok], a[ok]
        self._theta.append(np.asarray(t, dtype=np.float32))
        self._x.append(np.asarray(a, dtype=np.float32))
        return self

    def train(self, seed=0, workers=0, x_kind=None, on_epoch=None, **training):
        """Trains on every appended pair; returns the trained estimator with its summary
        (also kept as ``self.summary``: training_loss and validation_loss per epoch, as sbi).

        Keywords (sbi's names): training_batch_size, learning_rate, validation_fraction,
        stop_after_epochs, max_num_epochs, clip_max_norm, weight_decay, decoupled_weight_decay;
        unset ones keep the preset's value. ``seed``: every random choice of the run.
        ``workers``: threads (0: every core; results do not depend on it). ``x_kind``:
        vector, series, image or set (default: from the x shape). ``on_epoch(member, epoch,
        train_loss, validation_loss)`` may return False to stop the member being trained
        (ensemble members train one after another; below 4,000 simulations the auto preset
        trains 5)."""
        import jpype
        unknown = sorted(set(training) - set(_TRAINING_KEYS))
        if unknown:
            raise TypeError("unknown training setting(s) %s; known: %s"
                            % (", ".join(unknown), ", ".join(sorted(_TRAINING_KEYS))))
        if not self._theta:
            raise ValueError("no simulations: call append_simulations(theta, x) first")
        theta = np.concatenate(self._theta)
        x = np.concatenate(self._x)
        x_shape = x.shape[1:]
        J = jpype.JClass
        callback = None
        if on_epoch is not None:
            @jpype.JImplements("org.sbi4j.cli.python.PyNpe$EpochCallback")
            class _Callback:
                @jpype.JOverride
                def epoch(self, member, epoch, train_loss, validation_loss):
                    r = on_epoch(int(member), int(epoch), float(train_loss),
                                 float(validation_loss))
                    return r is None or bool(r)
            callback = _Callback()
        PyNpe = J("org.sbi4j.cli.python.PyNpe")
        with java_errors():
            settings = PyNpe.withTraining(self._npe_settings(), _training_spec(training))
            shape = jpype.JArray(jpype.JInt)([int(s) for s in x_shape])
            data = PyNpe.dataset(to_java_floats(theta), theta.shape[1], to_java_floats(x),
                                 shape, theta.shape[0])
            run = J("org.sbi4j.cli.python.PyNpe$RunOptions")(int(seed), int(workers), x_kind,
                                                              callback)
            result = PyNpe.train(self._prior._j, data, settings, run)
        self._estimator = TrainedEstimator(result)
        self.summary = self._estimator.summary
        return self._estimator

    def build_posterior(self, density_estimator=None):
        """The posterior of the given (default: the last) trained estimator."""
        est = density_estimator if density_estimator is not None else self._estimator
        if est is None:
            raise ValueError("train() first")
        if not isinstance(est, TrainedEstimator):
            raise TypeError("build_posterior takes what train() returned, got %r" % (est,))
        return Posterior(est._result.posterior())

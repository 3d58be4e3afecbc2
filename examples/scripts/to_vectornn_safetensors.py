#!/usr/bin/env python3
"""Moves a Dense model's weights from PyTorch or Keras into a file vectornn's Sequential.load reads.

The file is safetensors with Keras' tensor names and shapes (`dense/kernel` [in, units],
`dense/bias` [units], then `dense_1/...`) and the architecture as Keras' model.to_json() in the
metadata (format "keras"; see dev.vectornn.io.KerasFiles). Only numpy is needed to write it.

    from to_vectornn_safetensors import from_torch, from_keras
    from_torch(torch_sequential, input_dim=4, path="iris.safetensors")   # nn.Sequential of Linear/ReLU/...
    from_keras(keras_model, path="iris.safetensors")                     # a keras.Sequential of Dense/Dropout

Command line (run by vectornn's test suite, KerasLayoutScriptTest):

    python3 examples/scripts/to_vectornn_safetensors.py --demo FOLDER

trains nothing: it builds a seeded PyTorch MLP, writes FOLDER/torch_mlp.safetensors, and the inputs
and PyTorch's outputs as FOLDER/torch_mlp.input.csv and .output.csv for the test to compare.
"""
import json
import struct
import sys

import numpy as np

ACTIVATIONS = {"ReLU": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "Softmax": "softmax"}


def write_safetensors(path, tensors, metadata):
    """tensors: list of (name, float32 numpy array) in file order; metadata: dict of str -> str."""
    header, offset, blobs = {}, 0, []
    for name, array in tensors:
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = metadata
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def keras_json(input_dim, layers):
    """The subset of Keras 3's model.to_json() that vectornn reads."""
    config = [{"class_name": "InputLayer", "config": {"batch_shape": [None, input_dim], "name": "input_layer"}}]
    config += layers
    return json.dumps({"class_name": "Sequential", "config": {"name": "sequential", "layers": config}})


def from_torch(model, input_dim, path):
    """An nn.Sequential of Linear, ReLU/Sigmoid/Tanh/Softmax(dim=1 or -1), Dropout and Identity."""
    import torch.nn as nn
    layers, tensors, dense = [], [], 0
    for m in model:
        if isinstance(m, nn.Linear):
            name = "dense" if dense == 0 else "dense_%d" % dense
            dense += 1
            # PyTorch keeps weight as [out, in]; Keras' kernel is [in, units].
            tensors.append((name + "/kernel", m.weight.detach().cpu().numpy().T))
            if m.bias is not None:
                tensors.append((name + "/bias", m.bias.detach().cpu().numpy()))
            layers.append({"class_name": "Dense", "config": {"name": name, "units": m.out_features,
                                                             "activation": "linear", "use_bias": m.bias is not None}})
        elif type(m).__name__ in ACTIVATIONS:
            if isinstance(m, nn.Softmax) and m.dim not in (1, -1):
                raise ValueError("softmax over dim %s: vectornn's softmax is over the features" % m.dim)
            activation = ACTIVATIONS[type(m).__name__]
            last = layers[-1] if layers else None
            if last and last["class_name"] == "Dense" and last["config"]["activation"] == "linear":
                last["config"]["activation"] = activation
            else:
                layers.append({"class_name": "Activation", "config": {"activation": activation}})
        elif isinstance(m, nn.Dropout):
            layers.append({"class_name": "Dropout", "config": {"rate": m.p}})
        elif isinstance(m, nn.Identity):
            pass
        else:
            raise ValueError("vectornn has no layer for %s" % type(m).__name__)
    write_safetensors(path, tensors, {"format": "keras", "keras_model": keras_json(input_dim, layers)})


def from_keras(model, path):
    """A keras.Sequential of Dense, Dropout and Activation layers; tensors are named LAYER/kernel, LAYER/bias."""
    tensors = []
    for layer in model.layers:
        if getattr(layer, "kernel", None) is not None:
            tensors.append((layer.name + "/kernel", np.asarray(layer.kernel.numpy())))
        if getattr(layer, "bias", None) is not None:
            tensors.append((layer.name + "/bias", np.asarray(layer.bias.numpy())))
    write_safetensors(path, tensors, {"format": "keras", "keras_model": model.to_json()})


def demo(folder):
    import os
    import torch
    import torch.nn as nn
    torch.manual_seed(7)
    model = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Dropout(0.1), nn.Linear(8, 6), nn.ReLU(),
                          nn.Linear(6, 3, bias=False), nn.Softmax(dim=1)).eval()
    x = torch.randn(10, 5)
    with torch.no_grad():
        y = model(x)
    from_torch(model, 5, os.path.join(folder, "torch_mlp.safetensors"))
    np.savetxt(os.path.join(folder, "torch_mlp.input.csv"), x.numpy(), delimiter=",", fmt="%.9g")
    np.savetxt(os.path.join(folder, "torch_mlp.output.csv"), y.numpy(), delimiter=",", fmt="%.9g")
    try:
        import keras  # noqa: F401  (only where Keras is installed)
        k = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2)])
        from_keras(k, os.path.join(folder, "keras_mlp.safetensors"))
        np.savetxt(os.path.join(folder, "keras_mlp.input.csv"), x.numpy(), delimiter=",", fmt="%.9g")
        np.savetxt(os.path.join(folder, "keras_mlp.output.csv"), k.predict(x.numpy(), verbose=0), delimiter=",", fmt="%.9g")
    except ImportError:
        print("keras is not installed: only the PyTorch model was converted")
    print("wrote", folder)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--demo":
        demo(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)

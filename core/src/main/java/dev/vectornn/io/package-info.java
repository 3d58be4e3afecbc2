/** Saving and loading models in the safetensors layout. */
package dev.vectornn.io;

System.out.println(dev.vectornn.VectorNN.describe())
/exit

"""Trained models: building the training set, features, cross-validation, saving and loading.

Training reads third-party texts from a corpus folder given at run time and ships only the
derived artifact (``pipeline/resources/models/...``); loading a model never downloads anything.
"""

(function () { 'use strict'; }());
